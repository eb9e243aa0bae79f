package com.retailflow.checkout.internal.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import com.retailflow.checkout.spi.LegacyCarts;

/**
 * The security chain for the cart and checkout, pages and API. The shopper is whoever identity signed in (its session
 * cookie, read through Spring Session); the CSRF token is identity's too (cookie {@code RF-XSRF-TOKEN}, form field
 * {@code csrf}, header {@code X-XSRF-TOKEN}), so a token from {@code GET /api/v1/auth/csrf} or from any page works
 * here. The cart is open to anonymous shoppers; checkout needs a signed-in one.
 */
@Configuration(proxyBeanMethods = false)
class CheckoutSecurity {

	static final String[] PATHS = { "/cart", "/cart/**", "/checkout", "/checkout/**", "/api/v1/cart", "/api/v1/cart/**",
			"/api/v1/checkout", "/api/v1/checkout/**" };

	@Bean
	SecurityFilterChain checkoutChain(HttpSecurity http, ObjectProvider<LegacyCarts> legacyCarts) throws Exception {
		RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
		return http.securityMatcher(PATHS)
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/checkout", "/checkout/**", "/api/v1/checkout", "/api/v1/checkout/**")
				.authenticated()
				.anyRequest()
				.permitAll())
			.csrf(csrf -> csrf.csrfTokenRepository(identityCompatibleTokens())
				.requireCsrfProtectionMatcher(exceptLegacyCartForms(legacyCarts.getIfUnique())))
			.requestCache(cache -> cache.requestCache(new NullRequestCache()))
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.exceptionHandling(errors -> errors
				.defaultAuthenticationEntryPointFor((request, response, ex) -> CheckoutProblems.write(request, response,
						HttpStatus.UNAUTHORIZED, CheckoutProblems.NOT_SIGNED_IN, "Sign in to check out."), api)
				.defaultAuthenticationEntryPointFor(CheckoutSecurity::signInFirst, request -> true)
				.defaultAccessDeniedHandlerFor((request, response, ex) -> CheckoutProblems.write(request, response,
						HttpStatus.FORBIDDEN, CheckoutProblems.CSRF,
						"The CSRF token is missing or wrong: get one from GET /api/v1/auth/csrf and send it in the "
								+ "X-XSRF-TOKEN header."),
						api)
				.defaultAccessDeniedHandlerFor((request, response, ex) -> request
					.getRequestDispatcher(CartPages.REFUSED)
					.forward(request, response), request -> true))
			.build();
	}

	/**
	 * Legacy's add-to-cart forms (its product pages and the catalog's) carry the PHP session's token, and post to
	 * {@code /cart.php}, which the proxy hands to {@code /cart} when the route sends the shopper to the new side: a
	 * cart form whose token is that session's is as good as one with identity's token (ADR 0057).
	 */
	private static RequestMatcher exceptLegacyCartForms(@Nullable LegacyCarts legacy) {
		RequestMatcher cartForm = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/cart");
		return request -> CsrfFilter.DEFAULT_CSRF_MATCHER.matches(request)
				&& !(legacy != null && cartForm.matches(request)
						&& CartOwners.legacySessionId(request)
							.filter(session -> legacy.formToken(session, String.valueOf(request.getParameter("csrf"))))
							.isPresent());
	}

	/** The same cookie, field and header as identity's repository, so one token serves the whole storefront. */
	private static CookieCsrfTokenRepository identityCompatibleTokens() {
		var tokens = new CookieCsrfTokenRepository();
		tokens.setCookieName("RF-XSRF-TOKEN");
		tokens.setParameterName("csrf");
		tokens.setCookiePath("/");
		tokens.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Lax"));
		return tokens;
	}

	private static void signInFirst(HttpServletRequest request, HttpServletResponse response, Object ex)
			throws IOException {
		response.sendRedirect("/sign-in?next=" + URLEncoder.encode("/checkout", StandardCharsets.UTF_8));
	}
}
