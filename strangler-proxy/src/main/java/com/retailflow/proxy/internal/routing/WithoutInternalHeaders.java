package com.retailflow.proxy.internal.routing;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.jspecify.annotations.Nullable;

/**
 * A shopper's request as the in-process new side sees it: without the {@code X-RetailFlow-*} headers, which only
 * the proxy itself may send (its shadow copies, verified by token, never take this path). A client cannot make
 * the new side believe anything by sending them, as Envoy strips {@code x-envoy-*} from external clients.
 */
final class WithoutInternalHeaders extends HttpServletRequestWrapper {

	private static final String PREFIX = "x-retailflow";

	WithoutInternalHeaders(HttpServletRequest request) {
		super(request);
	}

	static boolean internal(String name) {
		return name.toLowerCase(Locale.ROOT).startsWith(PREFIX);
	}

	@Override
	public @Nullable String getHeader(String name) {
		return internal(name) ? null : super.getHeader(name);
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		return internal(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
	}

	@Override
	public Enumeration<String> getHeaderNames() {
		return Collections.enumeration(Collections.list(super.getHeaderNames()).stream().filter(n -> !internal(n)).toList());
	}

	@Override
	public long getDateHeader(String name) {
		return internal(name) ? -1 : super.getDateHeader(name);
	}

	@Override
	public int getIntHeader(String name) {
		return internal(name) ? -1 : super.getIntHeader(name);
	}
}
