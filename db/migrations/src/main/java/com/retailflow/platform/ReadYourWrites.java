package com.retailflow.platform;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A shopper reads their own writes although reads may go to a replica that lags: a request that may write (any
 * method but GET, HEAD, OPTIONS, TRACE) marks the shopper with the cookie {@value #COOKIE} for the window, and while
 * it is valid their read-only work uses the primary ({@link ReplicaUnlessRecentWrite}).
 */
final class ReadYourWrites extends OncePerRequestFilter implements Ordered {

	static final String COOKIE = "rf_wrote";
	private static final ThreadLocal<Boolean> RECENT_WRITER = new ThreadLocal<>();

	private final Duration window;

	ReadYourWrites(Duration window) {
		this.window = window;
	}

	/** True while the current request belongs to a shopper who wrote within the window. */
	static boolean active() {
		return Boolean.TRUE.equals(RECENT_WRITER.get());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long now = System.currentTimeMillis();
		boolean writes = switch (request.getMethod()) {
			case "GET", "HEAD", "OPTIONS", "TRACE" -> false;
			default -> true;
		};
		if (writes) {
			var cookie = new Cookie(COOKIE, Long.toString(now + window.toMillis()));
			cookie.setPath("/");
			cookie.setHttpOnly(true);
			cookie.setMaxAge((int) Math.max(1, window.toSeconds()));
			cookie.setAttribute("SameSite", "Lax");
			response.addCookie(cookie);
		}
		RECENT_WRITER.set(writes || wroteUntil(request) > now);
		try {
			chain.doFilter(request, response);
		}
		finally {
			RECENT_WRITER.remove();
		}
	}

	private static long wroteUntil(HttpServletRequest request) {
		if (request.getCookies() != null) {
			for (Cookie cookie : request.getCookies()) {
				if (COOKIE.equals(cookie.getName())) {
					try {
						return Long.parseLong(cookie.getValue());
					}
					catch (NumberFormatException ignored) {
						return 0;
					}
				}
			}
		}
		return 0;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 20;
	}
}
