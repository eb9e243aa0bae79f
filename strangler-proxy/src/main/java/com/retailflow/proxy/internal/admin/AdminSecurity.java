package com.retailflow.proxy.internal.admin;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.util.matcher.RequestMatcher;

import com.retailflow.proxy.AdminAuthentication;

/**
 * Security for the admin side and Actuator; storefront requests match no chain, so no security filter reads their
 * parameters, adds headers or creates sessions, and legacy's answers pass through untouched.
 *
 * <ul>
 * <li>API clients with their own credentials ({@code Authorization: Basic}, no console session, not sent
 * cross-site by a browser) get a stateless chain: Basic on every call, no session, no CSRF token needed (a forged
 * request cannot carry the credentials).</li>
 * <li>Everything else under {@code /admin}: the console's sign-in form and session, with CSRF always checked.
 * The session cookie is the console's own ({@value #SESSION_COOKIE}, {@code Path=/admin}, {@code SameSite=Strict}),
 * so a browser never sends it with a storefront request, and legacy never sees it.</li>
 * <li>Actuator: health (status only) and Prometheus are public for probes and scrapers; health details and every
 * other endpoint need ADMIN.</li>
 * </ul>
 * An unauthenticated call is 401 with {@code WWW-Authenticate} and a problem body for every method (a missing CSRF
 * token does not turn it into a 403); an authenticated one without the role is 403; a sign-in refused because of too
 * many failures is 429 with {@code Retry-After} (the console's form says so on its page).
 *
 * <p>Who gets in is the application's {@link AdminAuthentication}: all three chains authenticate through
 * {@link #adminAuthenticationManager} only, built on it. That is the application's only {@code AuthenticationManager}
 * bean, so no default user is generated and no shopper account reaches it: the storefront's sign-in (identity) keeps
 * its own manager, which is no bean.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurity {

	static final String SESSION_COOKIE = "RETAILFLOW_ADMIN";
	private static final String REALM = "RetailFlow admin";
	private static final Set<String> PUBLIC_ACTUATOR = Set.of("/actuator/health", "/actuator/health/liveness",
			"/actuator/health/readiness", "/actuator/prometheus");

	private final AdminAuthentication admins;

	AdminSecurity(AdminAuthentication admins) {
		this.admins = admins;
	}

	@Bean
	AuthenticationManager adminAuthenticationManager() {
		return new ProviderManager(admins.authenticationProvider());
	}

	@Bean
	@Order(1)
	SecurityFilterChain adminApiWithCredentials(HttpSecurity http, AuthenticationManager adminAuthenticationManager)
			throws Exception {
		return http.securityMatcher(AdminSecurity::apiCallWithOwnCredentials)
			.authenticationManager(adminAuthenticationManager)
			.authorizeHttpRequests(requests -> requests.anyRequest().hasRole("ADMIN"))
			.httpBasic(basic -> basic.authenticationEntryPoint(this::unauthorized))
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.exceptionHandling(errors -> errors.authenticationEntryPoint(this::unauthorized)
				.accessDeniedHandler(forbidden(this::unauthorized)))
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain adminConsole(HttpSecurity http, AuthenticationManager adminAuthenticationManager)
			throws Exception {
		var signIn = new LoginUrlAuthenticationEntryPoint("/admin/login");
		RequestMatcher api = request -> request.getRequestURI().startsWith("/admin/api/");
		AuthenticationEntryPoint entryPoint = (request, response, ex) -> {
			if (api.matches(request)) {
				unauthorized(request, response, ex);
			}
			else {
				signIn.commence(request, response, ex);
			}
		};
		return http.securityMatcher("/admin", "/admin/**")
			.authenticationManager(adminAuthenticationManager)
			.authorizeHttpRequests(requests -> requests.requestMatchers("/admin/login").permitAll()
				.anyRequest()
				.hasRole("ADMIN"))
			.httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
			.formLogin(form -> form.loginPage("/admin/login")
				.defaultSuccessUrl("/admin", true)
				.failureHandler((request, response, ex) -> response.sendRedirect(
						admins.retryAfter(ex).isPresent() ? "/admin/login?throttled" : "/admin/login?error"))
				.permitAll())
			.logout(logout -> logout.logoutUrl("/admin/logout")
				.logoutSuccessUrl("/admin/login")
				.deleteCookies(SESSION_COOKIE))
			.exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(forbidden(entryPoint)))
			.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain actuator(HttpSecurity http, AuthenticationManager adminAuthenticationManager) throws Exception {
		return http.securityMatcher("/actuator", "/actuator/**")
			.authenticationManager(adminAuthenticationManager)
			.authorizeHttpRequests(requests -> requests
				.requestMatchers(request -> PUBLIC_ACTUATOR.contains(request.getRequestURI()))
				.permitAll()
				.anyRequest()
				.hasRole("ADMIN"))
			.httpBasic(basic -> basic.authenticationEntryPoint(this::unauthorized))
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.exceptionHandling(errors -> errors.authenticationEntryPoint(this::unauthorized)
				.accessDeniedHandler(forbidden(this::unauthorized)))
			.build();
	}

	/**
	 * An admin API call that brings its own Basic credentials and nothing a browser adds on its own: no console
	 * session cookie, and not a cross-site request (browsers mark those with {@code Sec-Fetch-Site}).
	 */
	static boolean apiCallWithOwnCredentials(HttpServletRequest request) {
		String authorization = request.getHeader("Authorization");
		String site = request.getHeader("Sec-Fetch-Site");
		Cookie[] cookies = request.getCookies();
		boolean session = cookies != null && Arrays.stream(cookies).anyMatch(c -> c.getName().equals(SESSION_COOKIE));
		return request.getRequestURI().startsWith("/admin/api/") && authorization != null
				&& authorization.regionMatches(true, 0, "Basic ", 0, 6) && !session
				&& (site == null || site.equals("same-origin") || site.equals("none"));
	}

	/** 403 as a problem; but a request nobody is signed in for is asked to authenticate, even on a CSRF failure. */
	private static AccessDeniedHandler forbidden(AuthenticationEntryPoint entryPoint) {
		return (request, response, denied) -> {
			var authentication = SecurityContextHolder.getContext().getAuthentication();
			boolean anonymous = authentication == null || authentication instanceof AnonymousAuthenticationToken
					|| !authentication.isAuthenticated();
			if (anonymous) {
				entryPoint.commence(request, response,
						new org.springframework.security.authentication.InsufficientAuthenticationException(
								"Sign in first", denied));
				return;
			}
			String detail = denied instanceof CsrfException
					? "The CSRF token is missing or wrong: reload the console and try again."
					: "The ADMIN role is required.";
			problem(response, HttpStatus.FORBIDDEN, "Forbidden", detail);
		};
	}

	private void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		var wait = admins.retryAfter(ex);
		if (wait.isPresent()) {
			long seconds = Math.max(1, wait.get().toSeconds());
			response.setHeader("Retry-After", Long.toString(seconds));
			problem(response, HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests",
					"Too many failed sign-ins: try again in " + seconds + " seconds.");
			return;
		}
		response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
		problem(response, HttpStatus.UNAUTHORIZED, "Unauthorized",
				"Sign in: HTTP Basic with an admin account.");
	}

	private static void problem(HttpServletResponse response, HttpStatus status, String title, String detail)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType("application/problem+json");
		response.getOutputStream()
			.write(("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status.value()
					+ ",\"detail\":\"" + detail + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	/** The console's session cookie: its own name and path, never sent to the storefront (or legacy). */
	@Bean
	ServletContextInitializer adminSessionCookie() {
		return servletContext -> {
			var cookie = servletContext.getSessionCookieConfig();
			cookie.setName(SESSION_COOKIE);
			cookie.setPath("/admin");
			cookie.setHttpOnly(true);
		};
	}

	@Bean
	CookieSameSiteSupplier adminSessionCookieIsStrict() {
		return CookieSameSiteSupplier.ofStrict().whenHasName(SESSION_COOKIE);
	}

	/** Legacy URLs may carry semicolons or encoded percent signs; they are the legacy shop's to judge. */
	@Bean
	HttpFirewall proxyFirewall() {
		var firewall = new StrictHttpFirewall();
		firewall.setAllowSemicolon(true);
		firewall.setAllowUrlEncodedPercent(true);
		return firewall;
	}
}
