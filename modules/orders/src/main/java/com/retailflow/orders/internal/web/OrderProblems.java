package com.retailflow.orders.internal.web;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.retailflow.orders.IllegalOrderTransition;
import com.retailflow.orders.UnknownOrder;

/**
 * Every error of the orders APIs as an RFC 9457 problem. Scoped to them, and not a
 * {@code ResponseEntityExceptionHandler} (a bean of that type would switch off Boot's problem details elsewhere).
 */
@RestControllerAdvice(assignableTypes = { OrderApi.class, OrderAdminApi.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class OrderProblems {

	static final URI NOT_FOUND = URI.create("/api/v1/problems/order-not-found");
	static final URI NOT_SIGNED_IN = URI.create("/api/v1/problems/not-signed-in");
	static final URI ILLEGAL_TRANSITION = URI.create("/api/v1/problems/illegal-order-transition");
	static final URI CONCURRENT_CHANGE = URI.create("/api/v1/problems/concurrent-change");
	static final URI INVALID = URI.create("/api/v1/problems/invalid-input");

	/** No such order for this caller: unknown, malformed, or another shopper's. */
	static class NotFound extends RuntimeException {

		NotFound() {
			super("No such order.");
		}
	}

	static class NotSignedIn extends RuntimeException {

		NotSignedIn() {
			super("Not signed in as a shopper.");
		}
	}

	@ExceptionHandler({ NotFound.class, UnknownOrder.class })
	ResponseEntity<ProblemDetail> notFound(RuntimeException ex, HttpServletRequest request) {
		return problem(NOT_FOUND, HttpStatus.NOT_FOUND, "No such order.", request);
	}

	@ExceptionHandler(NotSignedIn.class)
	ResponseEntity<ProblemDetail> notSignedIn(NotSignedIn ex, HttpServletRequest request) {
		return problem(NOT_SIGNED_IN, HttpStatus.UNAUTHORIZED, ex.getMessage(), request);
	}

	@ExceptionHandler(IllegalOrderTransition.class)
	ResponseEntity<ProblemDetail> illegal(IllegalOrderTransition ex, HttpServletRequest request) {
		var problem = problem(ILLEGAL_TRANSITION, HttpStatus.CONFLICT, ex.getMessage(), request);
		problem.getBody().setProperty("status_of_order", ex.status().name());
		return problem;
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<ProblemDetail> concurrent(OptimisticLockingFailureException ex, HttpServletRequest request) {
		return problem(CONCURRENT_CHANGE, HttpStatus.CONFLICT,
				"The order was changed at the same time; read it again and retry.", request);
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, IllegalArgumentException.class })
	ResponseEntity<ProblemDetail> unreadable(RuntimeException ex, HttpServletRequest request) {
		return problem(INVALID, HttpStatus.BAD_REQUEST,
				"The body must be a JSON object such as {\"reason\":\"…\"} with a reason of at most 500 characters.",
				request);
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException ex, HttpServletRequest request) {
		return problem(INVALID, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.", request);
	}

	static ResponseEntity<ProblemDetail> problem(URI type, HttpStatus status, @Nullable String detail,
			HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setInstance(URI.create(request.getRequestURI()));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}
}
