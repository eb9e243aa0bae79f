package com.retailflow.identity.internal.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What identity's page bodies ({@code src/main/jte/identity}) render: plain, already formatted data. Public only
 * because the precompiled template classes live in jte's own package.
 */
public final class IdentityPages {

	private IdentityPages() {
	}

	/** Legacy's sign-in form: {@code error} is its one message ("The e-mail address or password is not correct."). */
	public record SignInForm(String csrf, String next, String email, @Nullable String error) {

		public String registerHref() {
			return "/register" + Next.query(next);
		}
	}

	public record RegisterForm(String csrf, String next, String name, String email, List<String> errors) {

		public String signInHref() {
			return "/sign-in" + Next.query(next);
		}
	}

	/** The profile: the account line legacy's account page shows, and one form per change. */
	public record Profile(String csrf, String name, String email, String since, List<String> flashes,
			List<String> errors) {
	}

	public record Problem(String title, String message) {
	}

	/** The console's rollback page: the summary, and each account legacy would not sign in as it signs in here. */
	public record RollbackReport(String summary, int staleAccounts, List<StaleAccount> accounts) {
	}

	/** One account legacy would not sign in as it signs in on the new side, and what legacy takes from it. */
	public record StaleAccount(String accountId, String email, @Nullable Long legacyId, String staleSince,
			String onLegacyAfterRollback) {
	}
}
