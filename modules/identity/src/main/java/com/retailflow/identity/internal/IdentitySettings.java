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

	/** Both e-mail and password must be set for an admin to be created. */
	public record BootstrapAdmin(@Nullable String email, @Nullable String password, @DefaultValue("Administrator") String name) {

		public boolean configured() {
			return email != null && !email.isBlank() && password != null && !password.isEmpty();
		}

		@Override
		public String email() {
			return email == null ? "" : email;
		}

		@Override
		public String password() {
			return password == null ? "" : password;
		}

		@Override
		public String toString() {
			return "BootstrapAdmin[email=" + email + "]";
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
