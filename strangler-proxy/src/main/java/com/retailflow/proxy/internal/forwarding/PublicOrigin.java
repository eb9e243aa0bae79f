package com.retailflow.proxy.internal.forwarding;

import java.net.URI;

import com.retailflow.proxy.internal.ProxySettings;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The scheme, host and port shoppers reach the shop by, as they should see them in redirects: the configured
 * {@code retailflow.proxy.public-url} when set (so a client-chosen {@code Host} can never end up in a
 * {@code Location}), else the request's own.
 */
@Component
class PublicOrigin {

	private final @Nullable URI configured;

	@Autowired
	PublicOrigin(ProxySettings settings) {
		this(settings.publicUrl());
	}

	PublicOrigin(@Nullable URI configured) {
		this.configured = configured;
	}

	/**
	 * The port shoppers reach the shop on: the configured public URL's (its scheme's default when it names none),
	 * else the request's own (from its {@code Host}, or from a trusted proxy's {@code X-Forwarded-Port}), never
	 * the port this server listens on behind a balancer.
	 */
	int port(HttpServletRequest request) {
		if (configured == null) {
			return request.getServerPort();
		}
		if (configured.getPort() >= 0) {
			return configured.getPort();
		}
		return "https".equalsIgnoreCase(configured.getScheme()) ? 443 : 80;
	}

	/** Host and port, as in a {@code Host} header. */
	String host(HttpServletRequest request) {
		if (configured != null) {
			return configured.getRawAuthority();
		}
		String host = request.getHeader("Host");
		if (host != null && !host.isBlank()) {
			return host;
		}
		int port = request.getServerPort();
		boolean defaultPort = (port == 80 && "http".equals(request.getScheme()))
				|| (port == 443 && "https".equals(request.getScheme()));
		return request.getServerName() + (defaultPort ? "" : ":" + port);
	}

	String origin(HttpServletRequest request) {
		return configured != null ? configured.getScheme() + "://" + configured.getRawAuthority()
				: request.getScheme() + "://" + host(request);
	}
}
