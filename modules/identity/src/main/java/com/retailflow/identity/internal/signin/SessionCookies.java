package com.retailflow.identity.internal.signin;

import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.util.function.SingletonSupplier;

/**
 * Spring Session's cookie, per path. One session store serves the whole application, but a part of it that gave the
 * container's session cookie a path of its own (the admin console: its own name, {@code Path=/admin}) keeps that
 * cookie under that path, with the SameSite its {@link CookieSameSiteSupplier} asks for; everything else gets the
 * storefront cookie. Without this, Spring Session would write one cookie for every path and the console's session
 * would travel with every storefront request.
 */
final class SessionCookies implements CookieSerializer {

	private final DefaultCookieSerializer storefront;
	private final Supplier<@Nullable Own> own;

	private record Own(String path, DefaultCookieSerializer serializer) {
	}

	SessionCookies(DefaultCookieSerializer storefront, ServletContext servletContext,
			List<CookieSameSiteSupplier> sameSite) {
		this.storefront = storefront;
		// read at the first request: the part that sets the container's cookie config does so when the server starts
		this.own = SingletonSupplier.of(() -> own(servletContext, sameSite));
	}

	private static @Nullable Own own(ServletContext servletContext, List<CookieSameSiteSupplier> sameSite) {
		var config = servletContext.getSessionCookieConfig();
		String path = config.getPath();
		if (path == null || path.isEmpty() || path.equals("/") || config.getName() == null) {
			return null;
		}
		var serializer = new DefaultCookieSerializer();
		serializer.setCookieName(config.getName());
		serializer.setCookiePath(path);
		serializer.setUseHttpOnlyCookie(true);
		var probe = new Cookie(config.getName(), "");
		serializer.setSameSite(sameSite.stream()
			.map(supplier -> supplier.getSameSite(probe))
			.filter(value -> value != null)
			.map(value -> value.attributeValue())
			.findFirst()
			.orElse("Lax"));
		return new Own(path.endsWith("/") ? path.substring(0, path.length() - 1) : path, serializer);
	}

	@Override
	public void writeCookieValue(CookieValue cookieValue) {
		serializer(cookieValue.getRequest()).writeCookieValue(cookieValue);
	}

	@Override
	public List<String> readCookieValues(HttpServletRequest request) {
		return serializer(request).readCookieValues(request);
	}

	private CookieSerializer serializer(HttpServletRequest request) {
		Own part = own.get();
		if (part == null) {
			return storefront;
		}
		String uri = request.getRequestURI();
		return uri.equals(part.path()) || uri.startsWith(part.path() + "/") ? part.serializer() : storefront;
	}
}
