package com.retailflow;


import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.retailflow.identity.AdminAccounts;
import com.retailflow.proxy.AdminAuthentication;

/**
 * Test bootstrap at the root package: the adapter with the modules it adapts to (catalog, inventory, proxy),
 * as Spring Modulith sees them in production. Tests that need a real process to kill start it with {@link #main}.
 */
@SpringBootApplication
@EnableScheduling // as RetailFlowApplication
class LegacyAdapterTestApplication {

	public static void main(String[] args) {
		SpringApplication.run(LegacyAdapterTestApplication.class, args);
	}

	/** The admin side signs in with identity's ADMIN accounts, as the application wires it (ConsoleSignIn). */
	@Bean
	AdminAuthentication identityAdmins(AdminAccounts admins) {
		return AdminAuthentication.of(admins.authenticationProvider(), admins::retryAfter);
	}
}
