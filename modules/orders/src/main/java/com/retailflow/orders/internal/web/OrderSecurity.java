package com.retailflow.orders.internal.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The shopper's side of orders: every path needs a signed-in shopper (identity's session). Pages send everyone else
 * to the sign-in page and back; the API answers 401 as a problem. Read-only, so nothing here creates a session or
 * needs a CSRF token. The admin API under {@code /admin/api/orders} is not in this chain: the platform's admin chains
 * guard all of {@code /admin/**} with the ADMIN role.
 */
@Configuration(proxyBeanMethods = false)
class OrderSecurity {

	static final String[] PATHS = { OrderPages.HISTORY, OrderPages.HISTORY + "/", OrderPages.HISTORY + "/**",
			OrderApi.ORDERS, OrderApi.ORDERS + "/**" };

	@Bean
	SecurityFilterChain ordersChain(HttpSecurity http) throws Exception {
		RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher(OrderApi.ORDERS + "/**");
		RequestMatcher apiRoot = PathPatternRequestMatcher.withDefaults().matcher(OrderApi.ORDERS);
		return http.securityMatcher(PATHS)
			.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
			.requestCache(cache -> cache.requestCache(new NullRequestCache()))
			.csrf(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.exceptionHandling(errors -> errors
				.defaultAuthenticationEntryPointFor(OrderSecurity::apiUnauthorized, request -> api.matches(request)
						|| apiRoot.matches(request))
				.defaultAuthenticationEntryPointFor(OrderSecurity::signInFirst, request -> true))
			.build();
	}

	private static void signInFirst(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		response.sendRedirect("/sign-in?next=" + URLEncoder.encode(request.getRequestURI(), StandardCharsets.UTF_8));
	}

	private static void apiUnauthorized(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write("""
				{"type":"%s","title":"Unauthorized","status":401,"detail":"Not signed in."}"""
			.formatted(OrderProblems.NOT_SIGNED_IN));
	}
}
