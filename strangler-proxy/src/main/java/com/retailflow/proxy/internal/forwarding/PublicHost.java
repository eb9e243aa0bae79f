package com.retailflow.proxy.internal.forwarding;

import jakarta.servlet.http.HttpServletRequest;

/** The host (and port) shoppers used to reach us, as they should see it in links and redirects. */
public final class PublicHost {

	private PublicHost() {
	}

	public static String of(HttpServletRequest request) {
		String host = request.getHeader("Host");
		if (host != null && !host.isBlank()) {
			return host;
		}
		int port = request.getServerPort();
		boolean defaultPort = (port == 80 && "http".equals(request.getScheme()))
				|| (port == 443 && "https".equals(request.getScheme()));
		return request.getServerName() + (defaultPort ? "" : ":" + port);
	}

	public static String origin(HttpServletRequest request) {
		return request.getScheme() + "://" + of(request);
	}
}
