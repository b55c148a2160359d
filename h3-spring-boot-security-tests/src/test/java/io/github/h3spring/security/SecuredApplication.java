package io.github.h3spring.security;

import java.security.Principal;

import io.github.h3spring.H3Handler;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.WebSocketHooks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * A handler behind Spring Security, as the security guide describes: the upgrade request
 * is an ordinary request to the filter chain. The same rules and user on each stack: a
 * {@code SecurityWebFilterChain} on WebFlux, a {@code SecurityFilterChain} on Spring MVC.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class SecuredApplication {

	private static final String PUBLIC = "/public/**";

	@Bean
	@H3Handler({ "/secure/ws", "/public/ws" })
	WebSocketHooks whoAmI() {
		return new WebSocketHooks() {
			@Override
			public void open(Peer peer) {
				Principal principal = peer.request().principal();
				peer.send((principal != null) ? "hello " + principal.getName() : "hello anonymous");
			}
		};
	}

	private static UserDetails ada() {
		return User.withUsername("ada").password("{noop}secret").roles("USER").build();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class WebFluxSecurity {

		@Bean
		SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
			return http
				.authorizeExchange(
						(exchanges) -> exchanges.pathMatchers(PUBLIC).permitAll().anyExchange().authenticated())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

		@Bean
		MapReactiveUserDetailsService users() {
			return new MapReactiveUserDetailsService(ada());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletSecurity {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) {
			return http
				.authorizeHttpRequests(
						(requests) -> requests.requestMatchers(PUBLIC).permitAll().anyRequest().authenticated())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(ada());
		}

	}

}
