package com.retailflow.identity.internal.signin;

import java.util.List;

import jakarta.servlet.ServletContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.transaction.support.TransactionTemplate;

import com.retailflow.identity.AdminAccounts;
import com.retailflow.identity.IdentityManagement;
import com.retailflow.identity.internal.accounts.AccountPasswords;
import com.retailflow.identity.internal.accounts.Accounts;
import com.retailflow.identity.internal.passwords.PasswordHashing;
import com.retailflow.identity.spi.LegacySessionLink;

/**
 * Sign-in for shoppers and admins: one {@code DaoAuthenticationProvider} each (admins: accounts with role ADMIN
 * only), both with identity's password encoder and password upgrade, both behind the throttle.
 *
 * <p>None of these is a {@code UserDetailsService}, {@code PasswordEncoder} or {@code AuthenticationProvider} bean:
 * Spring Security would pick such a bean as the default for every filter chain, including the proxy's.
 */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

	/** The CSRF parameter legacy's forms use, so the new forms carry the same field. */
	static final String CSRF_PARAMETER = "csrf";

	/**
	 * CSRF tokens in a cookie (double submit), not in the session: showing the sign-in or register form must not
	 * create a session row. HttpOnly (pages put the token in the form; API clients ask {@code /api/v1/auth/csrf}),
	 * SameSite=Lax, Secure whenever the request is.
	 */
	@Bean
	CsrfTokenRepository identityCsrfTokens() {
		var tokens = new CookieCsrfTokenRepository();
		tokens.setCookieName("RF-XSRF-TOKEN");
		tokens.setParameterName(CSRF_PARAMETER);
		tokens.setCookiePath("/");
		tokens.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Lax"));
		return tokens;
	}

	/**
	 * The storefront's session cookie ({@code server.servlet.session.cookie.name}, HttpOnly, SameSite=Lax, Secure
	 * whenever the request is), and the admin console's own under its path ({@link SessionCookies}).
	 */
	@Bean
	CookieSerializer sessionCookies(@Value("${server.servlet.session.cookie.name:RFSESSION}") String name,
			@Value("${server.servlet.session.cookie.same-site:lax}") String sameSite, ServletContext servletContext,
			List<CookieSameSiteSupplier> sameSiteSuppliers) {
		var storefront = new DefaultCookieSerializer();
		storefront.setCookieName(name);
		storefront.setCookiePath("/");
		storefront.setUseHttpOnlyCookie(true);
		storefront.setSameSite(sameSite.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + sameSite.substring(1));
		return new SessionCookies(storefront, servletContext, sameSiteSuppliers);
	}

	@Bean
	SignIn signIn(Accounts accounts, AccountPasswords upgrades, PasswordHashing passwords, SignInThrottle throttle,
			TransactionTemplate transactions, CsrfTokenRepository identityCsrfTokens,
			@Value("${server.servlet.session.cookie.name:RFSESSION}") String sessionCookie, IdentityManagement identity,
			ObjectProvider<LegacySessionLink> legacySessionLink) {
		var provider = throttled(AccountUserDetails.shoppers(accounts, upgrades, transactions), passwords, throttle);
		var sessions = new CompositeSessionAuthenticationStrategy(List.of(new ChangeSessionIdAuthenticationStrategy(),
				new CsrfAuthenticationStrategy(identityCsrfTokens)));
		return new SignIn(new ProviderManager(provider), sessions, identityCsrfTokens, sessionCookie, identity,
				new LegacySessions(legacySessionLink), upgrades);
	}

	@Bean
	AdminAccounts identityAdminAccounts(Accounts accounts, AccountPasswords upgrades, PasswordHashing passwords,
			SignInThrottle throttle, TransactionTemplate transactions, Environment environment) {
		var provider = throttled(AccountUserDetails.admins(accounts, upgrades, transactions), passwords, throttle);
		return new IdentityAdminAccounts(provider, accounts, transactions,
				environment.acceptsProfiles(Profiles.of("demo")));
	}

	private static AuthenticationProvider throttled(AccountUserDetails users, PasswordHashing passwords,
			SignInThrottle throttle) {
		var dao = new DaoAuthenticationProvider(users);
		dao.setPasswordEncoder(passwords.encoder());
		dao.setUserDetailsPasswordService(users);
		return new ThrottledAuthenticationProvider(dao, throttle, passwords);
	}

}
