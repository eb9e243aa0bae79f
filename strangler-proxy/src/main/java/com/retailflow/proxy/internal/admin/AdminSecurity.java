package com.retailflow.proxy.internal.admin;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Only {@code /admin/**} is secured (ADMIN role; HTTP Basic for the API, a sign-in form for the console). Storefront requests match no security chain, so
 * no security filter reads their parameters, adds headers or creates sessions: legacy's answers pass through
 * untouched.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminSecurity.AdminSettings.class)
class AdminSecurity {

	/** Configured admin-side users; the demo default is admin/admin (README says to change it). */
	@ConfigurationProperties("retailflow.admin")
	record AdminSettings(@DefaultValue List<Account> users) {

		record Account(String username, String password, @DefaultValue("ADMIN") List<String> roles) {
		}

		List<Account> effectiveUsers() {
			return users.isEmpty() ? List.of(new Account("admin", "admin", List.of("ADMIN"))) : users;
		}
	}

	@Bean
	SecurityFilterChain adminChain(HttpSecurity http) throws Exception {
		var basic = new BasicAuthenticationEntryPoint();
		basic.setRealmName("RetailFlow admin");
		return http.securityMatcher("/admin/**")
			.authorizeHttpRequests(requests -> requests.requestMatchers("/admin/login").permitAll()
				.anyRequest()
				.hasRole("ADMIN"))
			// API clients: HTTP Basic on every call. The console: a sign-in form and a session.
			.httpBasic(httpBasic -> httpBasic.authenticationEntryPoint(basic))
			.formLogin(form -> form.loginPage("/admin/login").defaultSuccessUrl("/admin", true).permitAll())
			.logout(logout -> logout.logoutUrl("/admin/logout").logoutSuccessUrl("/admin/login"))
			// CSRF protects the cookie-authenticated console; calls carrying their own credentials cannot be forged.
			.csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null))
			.exceptionHandling(errors -> errors
				.defaultAuthenticationEntryPointFor(basic, request -> request.getRequestURI().startsWith("/admin/api/"))
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/admin/login"), request -> true)
				.accessDeniedHandler((request, response, denied) -> {
				response.setStatus(HttpStatus.FORBIDDEN.value());
				response.setContentType("application/problem+json");
				response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
						+ "\"detail\":\"The ADMIN role is required.\"}");
			}))
			.build();
	}

	@Bean
	UserDetailsService adminUsers(AdminSettings settings) {
		var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		return new InMemoryUserDetailsManager(settings.effectiveUsers()
			.stream()
			.map(account -> User.withUsername(account.username())
				.password(encoder.encode(account.password()))
				.roles(account.roles().toArray(String[]::new))
				.build())
			.toList());
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
