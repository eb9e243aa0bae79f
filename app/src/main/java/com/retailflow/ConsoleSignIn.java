package com.retailflow;


import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.retailflow.identity.AdminAccounts;
import com.retailflow.proxy.AdminAuthentication;

/**
 * The console and the admin API sign in with identity's ADMIN accounts. Wired here, in the deployable, because the
 * proxy depends on no module: it asks for an {@link AdminAuthentication}, and only the application knows that identity
 * answers it (docs/adr/0053-admin-accounts-in-identity.md).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSignIn {

	@Bean
	AdminAuthentication identityAdmins(AdminAccounts admins) {
		return AdminAuthentication.of(admins.authenticationProvider(), admins::retryAfter);
	}
}
