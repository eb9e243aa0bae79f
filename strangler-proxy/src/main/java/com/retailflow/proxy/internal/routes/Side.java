package com.retailflow.proxy.internal.routes;

import java.util.Locale;

/** The two systems that can answer a storefront request. */
public enum Side {

	LEGACY, NEW;

	/** The value of {@code X-Served-By} and of the assignment endpoint's {@code side}. */
	public String header() {
		return name().toLowerCase(Locale.ROOT);
	}
}
