package com.retailflow.proxy.internal.routes;

import java.util.Locale;

/** The two systems that can answer a storefront request. */
public enum Side {

	LEGACY, NEW;

	/** Computed once: {@link #header()} is read on every proxied request. */
	private final String header = name().toLowerCase(Locale.ROOT);

	/** The value of {@code X-Served-By} and of the assignment endpoint's {@code side}. */
	public String header() {
		return header;
	}
}
