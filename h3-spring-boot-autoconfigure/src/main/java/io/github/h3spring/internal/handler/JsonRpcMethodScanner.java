package io.github.h3spring.internal.handler;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.github.h3spring.jsonrpc.JsonRpcMethod;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@link JsonRpcMethod @JsonRpcMethod} methods of a {@code JsonRpcService} bean
 * and checks their names.
 */
final class JsonRpcMethodScanner {

	private JsonRpcMethodScanner() {
	}

	/**
	 * Returns the methods by JSON-RPC name, callable on the bean.
	 * @throws InvalidH3HandlerException when the bean has none, or names are reserved,
	 * blank or taken twice
	 */
	static Map<String, Method> scan(String beanName, Object bean) {
		Class<?> type = ClassUtils.getUserClass(bean);
		Map<Method, JsonRpcMethod> annotated = MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<JsonRpcMethod>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, JsonRpcMethod.class));
		if (annotated.isEmpty()) {
			throw new InvalidH3HandlerException(
					"@H3Handler bean '" + beanName + "' (" + type.getName()
							+ ") implements JsonRpcService but has no @JsonRpcMethod method",
					"Annotate the methods to serve with @JsonRpcMethod, or remove JsonRpcService.");
		}
		Map<String, Method> methods = new LinkedHashMap<>();
		// sorted, so that a duplicate is reported the same way on every start
		Map<String, Map.Entry<Method, JsonRpcMethod>> byJavaName = new TreeMap<>();
		annotated.entrySet().forEach((entry) -> byJavaName.put(entry.getKey().toGenericString(), entry));
		for (Map.Entry<Method, JsonRpcMethod> entry : byJavaName.values()) {
			Method method = entry.getKey();
			String name = name(method, entry.getValue());
			check(beanName, method, name);
			Method existing = methods.putIfAbsent(name, AopUtils.selectInvocableMethod(method, bean.getClass()));
			if (existing != null) {
				throw new InvalidH3HandlerException(
						"@H3Handler bean '" + beanName + "' has two @JsonRpcMethod methods named '" + name + "': "
								+ describe(existing) + " and " + describe(method),
						"Give each method its own JSON-RPC name with @JsonRpcMethod(\"name\"); "
								+ "JSON-RPC has no overloading.");
			}
		}
		return Map.copyOf(methods);
	}

	private static String name(Method method, JsonRpcMethod annotation) {
		return annotation.value().isEmpty() ? method.getName() : annotation.value();
	}

	private static void check(String beanName, Method method, String name) {
		if (name.isBlank()) {
			throw new InvalidH3HandlerException(
					"@H3Handler bean '" + beanName + "' names " + describe(method) + " with a blank JSON-RPC name",
					"Give @JsonRpcMethod a name, or leave value empty to use the Java method's name.");
		}
		if (name.startsWith("rpc.")) {
			throw new InvalidH3HandlerException(
					"@H3Handler bean '" + beanName + "' names " + describe(method) + " '" + name
							+ "', but JSON-RPC reserves the names that start with 'rpc.'",
					"Choose a name that does not start with 'rpc.'.");
		}
		if (Modifier.isStatic(method.getModifiers())) {
			throw new InvalidH3HandlerException(
					"@H3Handler bean '" + beanName + "' has a static @JsonRpcMethod " + describe(method),
					"Make the method an instance method of the bean.");
		}
	}

	private static String describe(Method method) {
		return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
	}

}
