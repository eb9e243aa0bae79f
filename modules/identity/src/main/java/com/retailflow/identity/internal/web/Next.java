package com.retailflow.identity.internal.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Legacy's {@code safe_next()}: only a local absolute path may be a {@code next} target (no {@code //evil.example}). */
final class Next {

	private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f]");

	private Next() {
	}

	static String safe(String next) {
		if (next.isEmpty() || next.charAt(0) != '/' || next.startsWith("//") || next.contains("\\")
				|| CONTROL.matcher(next).find() || next.length() > 2000) {
			return "";
		}
		return next;
	}

	/** {@code ?next=…} for a link, or nothing. */
	static String query(String next) {
		return next.isEmpty() ? "" : "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8).replace("+", "%20");
	}
}
