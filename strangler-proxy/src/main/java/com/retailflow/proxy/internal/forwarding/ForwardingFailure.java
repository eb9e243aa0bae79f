package com.retailflow.proxy.internal.forwarding;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * What the shopper is told when forwarding to legacy failed before the answer was committed: every
 * {@link IOException} maps to one clean answer, the way nginx maps upstream errors to 502/503/504.
 *
 * @param status the status the shopper gets
 * @param legacysFault false when the shopper's own request or connection was the problem (not logged as a
 *        legacy failure)
 * @param retryAfterSeconds a {@code Retry-After} for the shopper, or 0
 */
record ForwardingFailure(int status, String title, String detail, boolean legacysFault, int retryAfterSeconds,
		IOException cause) {

	/** The request body is larger than allowed. */
	static final class BodyTooLarge extends IOException {

		BodyTooLarge(long limit) {
			super("Request body larger than " + limit + " bytes");
		}
	}

	/** Reading the shopper's request body failed: the client went away or sent broken framing. */
	static final class ClientBodyBroken extends IOException {

		ClientBodyBroken(IOException cause) {
			super("The request body could not be read from the client: " + cause.getMessage(), cause);
		}
	}

	/** What the circuit breaker counts: legacy could not be reached, dropped the connection or timed out. */
	boolean legacyDownOrHung() {
		return legacysFault && (status == 502 || status == 504);
	}

	static ForwardingFailure of(IOException ex) {
		IOException cause = marker(ex);
		return switch (cause) {
			case BodyTooLarge tooLarge -> new ForwardingFailure(413, "Request body too large", tooLarge.getMessage() + ".",
					false, 0, cause);
			case ClientBodyBroken broken -> new ForwardingFailure(400, "Request body incomplete",
					"The request body could not be read completely.", false, 0, cause);
			// Every pooled connection to legacy is busy: the shop is overloaded, not down (nginx answers 503 too).
			case ConnectionRequestTimeoutException busy -> new ForwardingFailure(503, "The shop is busy",
					"The shop is very busy right now. Please try again in a few seconds.", true, 5, cause);
			case ConnectTimeoutException timeout -> unreachable(cause);
			case SocketTimeoutException timeout -> new ForwardingFailure(504, "Legacy shop timed out",
					"The shop took too long to answer. Please try again in a moment.", true, 0, cause);
			case ConnectException refused -> unreachable(cause);
			case UnknownHostException unknown -> unreachable(cause);
			case NoRouteToHostException noRoute -> unreachable(cause);
			case NoHttpResponseException closed -> new ForwardingFailure(502, "Legacy shop closed the connection",
					"The shop did not answer. Please try again in a moment.", true, 0, cause);
			default -> new ForwardingFailure(502, "Legacy shop failed",
					"The shop could not answer. Please try again in a moment.", true, 0, cause);
		};
	}

	private static ForwardingFailure unreachable(IOException cause) {
		return new ForwardingFailure(502, "Legacy shop unreachable",
				"The shop is temporarily unavailable. Please try again in a moment.", true, 0, cause);
	}

	/** The client library may wrap the body stream's own exceptions; find them in the cause chain. */
	private static IOException marker(IOException ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof BodyTooLarge || t instanceof ClientBodyBroken) {
				return (IOException) t;
			}
		}
		return ex;
	}
}
