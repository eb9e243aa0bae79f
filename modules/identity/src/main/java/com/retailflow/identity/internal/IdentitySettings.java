package com.retailflow.identity.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The identity module's settings ({@code retailflow.identity.*}).
 *
 * @param bootstrapAdmin the admin created on first start when none exists
 * @param throttle limits on failed sign-ins
 */
@ConfigurationProperties("retailflow.identity")
public record IdentitySettings(@DefaultValue BootstrapAdmin bootstrapAdmin, @DefaultValue Throttle throttle) {

	/**
	 * The first admin: created when a password is set and no admin exists yet.
	 *
	 * @param username what the admin types to sign in to the console and the admin API (lower-cased; no {@code @})
	 * @param email its e-mail (its other sign-in name); none given: {@code <username>@admin.invalid}, a reserved
	 * domain, so no mailbox and no legacy customer can have it
	 * @param password required outside the {@code demo} profile; used on the first start only
	 */
	public record BootstrapAdmin(@DefaultValue("admin") String username, @Nullable String email,
			@Nullable String password, @DefaultValue("Administrator") String name) {

		public boolean configured() {
			return password != null && !password.isEmpty();
		}

		@Override
		public String username() {
			return username.strip().toLowerCase(java.util.Locale.ROOT);
		}

		@Override
		public String email() {
			return email == null || email.isBlank() ? username() + "@admin.invalid" : email;
		}

		@Override
		public String password() {
			return password == null ? "" : password;
		}

		@Override
		public String toString() {
			return "BootstrapAdmin[username=" + username + ", email=" + email + "]";
		}
	}

	/**
	 * Failed sign-ins allowed per window before further attempts are refused (429) until the window ends.
	 *
	 * @param perAccountAndAddress failures for one e-mail from one client address
	 * @param perAddress failures from one client address, whatever the e-mail
	 * @param window the fixed window the failures are counted in
	 */
	public record Throttle(@DefaultValue("5") int perAccountAndAddress, @DefaultValue("50") int perAddress,
			@DefaultValue("15m") Duration window) {
	}
}
