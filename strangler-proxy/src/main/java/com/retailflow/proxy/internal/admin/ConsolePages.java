package com.retailflow.proxy.internal.admin;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.csrf.CsrfToken;

/** What the console's jte templates ({@code src/main/jte/proxy}) get: one immutable record per page (public: the
 * compiled templates live in their own package). */
public final class ConsolePages {

	private ConsolePages() {
	}

	/** The CSRF token the page's forms and script send back. */
	public record Csrf(String headerName, String parameterName, String token) {

		static Csrf of(HttpServletRequest request) {
			var token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
			return token == null ? new Csrf("X-CSRF-TOKEN", "_csrf", "")
					: new Csrf(token.getHeaderName(), token.getParameterName(), token.getToken());
		}
	}

	/** The console itself; its script fills it from the admin API. */
	public record Console(String user, Csrf csrf) {
	}

	/** The sign-in form, after a failed attempt with a message. */
	public record Login(boolean failed, boolean throttled, Csrf csrf) {
	}
}
