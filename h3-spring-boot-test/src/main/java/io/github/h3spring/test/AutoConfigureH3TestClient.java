package io.github.h3spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Adds an {@link H3TestClient} bean bound to the server that a
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} (or {@code DEFINED_PORT}) starts:
 * {@code ws://localhost:<port>} and the {@code spring.webflux.base-path}. For a server
 * with TLS, create the client with {@link H3TestClient#forBaseUrl(String)} instead.
 * <pre class="code">
 * &#64;SpringBootTest(webEnvironment = RANDOM_PORT)
 * &#64;AutoConfigureH3TestClient
 * class ChatTests {
 *     &#64;Autowired H3TestClient client;
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureH3TestClient {

}
