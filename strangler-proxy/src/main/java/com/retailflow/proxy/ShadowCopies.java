package com.retailflow.proxy;

import jakarta.servlet.ServletRequest;

/**
 * Tells the new side that a request is one of the proxy's shadow copies (verified by a per-instance token, never
 * trusted from a client header). A copy must be answered as a shopper would see it, but change nothing: no
 * session is started or written, no cookie is set.
 */
public final class ShadowCopies {

	/** The request attribute the proxy sets on a verified copy. */
	public static final String ATTRIBUTE = ShadowCopies.class.getName();

	private ShadowCopies() {
	}

	public static boolean isShadowCopy(ServletRequest request) {
		return Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
	}
}
