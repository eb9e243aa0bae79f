package com.retailflow.legacy.internal;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bumps the shopper's {@link PrivateContentVersion} on every request that may change what the header shows, before
 * the proxy sends it to either side: any method but GET, HEAD and OPTIONS (every sign-in, cart change, checkout and
 * flash message of both shops is a POST), and the sign-out links, which are plain GETs on both sides. This
 * instance also forgets the session's kept state at once; other instances see the new version on the next request.
 */
class PrivateContentFilter extends OncePerRequestFilter {

	private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
	private static final Set<String> SIGN_OUT = Set.of("/logout.php", "/logout.php/", "/sign-out", "/sign-out/");

	private final KeptShopperStates kept;

	PrivateContentFilter(KeptShopperStates kept) {
		this.kept = kept;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (mayChangeShopper(request)) {
			SessionBridge.sessionId(request).ifPresent(kept::forget);
			PrivateContentVersion.bump(response);
		}
		chain.doFilter(request, response);
	}

	static boolean mayChangeShopper(HttpServletRequest request) {
		return !SAFE.contains(request.getMethod())
				|| SIGN_OUT.contains(request.getRequestURI().substring(request.getContextPath().length()));
	}
}
