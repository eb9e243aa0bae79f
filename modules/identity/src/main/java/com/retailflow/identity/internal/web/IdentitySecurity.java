package com.retailflow.identity.internal.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import com.retailflow.identity.internal.signin.SignIn;

import tools.jackson.databind.json.JsonMapper;

/**
 * The storefront's security chain, for identity's own paths and {@code /api/v1/auth/**} only: catalog pages, the
 * proxy's {@code /admin/**} chain and legacy-bound requests never pass through it. Sessions are created by signing in
 * and nothing else (no saved requests, CSRF tokens in a cookie), so anonymous visitors leave no session row.
 */
@Configuration(proxyBeanMethods = false)
class IdentitySecurity {

	private static final JsonMapper JSON = JsonMapper.shared();

	/** Every path this chain answers for. */
	static final String[] PATHS = { "/sign-in", "/sign-in/**", "/sign-out", "/sign-out/", "/register", "/register/",
			AccountPages.PROFILE, AccountPages.PROFILE + "/**", "/api/v1/auth/**" };

	@Bean
	SecurityFilterChain identityChain(HttpSecurity http, CsrfTokenRepository identityCsrfTokens, SignIn signIn)
			throws Exception {
		RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/v1/auth/**");
		return http.securityMatcher(PATHS)
			.authorizeHttpRequests(requests -> requests.requestMatchers(AccountPages.PROFILE, AccountPages.PROFILE + "/**")
				.authenticated()
				.anyRequest()
				.permitAll())
			.addFilterBefore(new UnreadableForms(), CsrfFilter.class)
			.csrf(csrf -> csrf.csrfTokenRepository(identityCsrfTokens))
			// one sign-in for both systems: follow the legacy session (after the CSRF check, before authorisation)
			.addFilterAfter(signIn.legacySessionFollower(), CsrfFilter.class)
			.requestCache(cache -> cache.requestCache(new NullRequestCache()))
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(IdentitySecurity::apiUnauthorized, api)
				.defaultAuthenticationEntryPointFor(signInFirst(), request -> true)
				.defaultAccessDeniedHandlerFor(apiForbidden(), api)
				.defaultAccessDeniedHandlerFor(pageRefused(), request -> true))
			.build();
	}

	/** A page that needs a signed-in shopper sends everyone else to the sign-in page, and back afterwards. */
	private static AuthenticationEntryPoint signInFirst() {
		return (request, response, exception) -> response.sendRedirect("/sign-in?next="
				+ URLEncoder.encode(Next.safe(request.getRequestURI()), StandardCharsets.UTF_8));
	}

	private static void apiUnauthorized(HttpServletRequest request, HttpServletResponse response,
			Object exception) throws IOException {
		writeProblem(request, response, HttpStatus.UNAUTHORIZED, AuthProblems.NOT_SIGNED_IN.toString(), "Not signed in.");
	}

	private static AccessDeniedHandler apiForbidden() {
		return (request, response, denied) -> writeProblem(request, response, HttpStatus.FORBIDDEN,
				"/api/v1/problems/csrf", "The CSRF token is missing or wrong: get one from GET /api/v1/auth/csrf and "
						+ "send it in the X-XSRF-TOKEN header.");
	}

	/** Pages: legacy's own 400 page for a form without a valid token (rendered by {@link AccountPages#refused}). */
	private static AccessDeniedHandler pageRefused() {
		return (request, response, denied) -> request.getRequestDispatcher("/sign-in/refused").forward(request, response);
	}

	static void writeProblem(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			String type, String detail) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", type);
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(JSON.writeValueAsString(problem));
	}
}
