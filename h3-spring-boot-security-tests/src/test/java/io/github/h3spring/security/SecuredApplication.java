package io.github.h3spring.security;

import java.security.Principal;

import io.github.h3spring.H3Handler;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.WebSocketHooks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * A handler behind Spring Security, as the security guide describes: the upgrade request is
 * an ordinary request to the filter chain.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class SecuredApplication {

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.pathMatchers("/public/**")
			.permitAll()
			.anyExchange()
			.authenticated()).httpBasic(Customizer.withDefaults()).build();
	}

	@Bean
	MapReactiveUserDetailsService users() {
		return new MapReactiveUserDetailsService(
				User.withUsername("ada").password("{noop}secret").roles("USER").build());
	}

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

}
