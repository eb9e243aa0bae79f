package com.retailflow.catalog.internal.web;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.retailflow.catalog.InvalidProductQuery;

/**
 * Every error of the catalog API as an RFC 9457 problem ({@code application/problem+json} with {@code type},
 * {@code title}, {@code status}, {@code detail}, {@code instance}), and bad input always as a 4xx: a parameter that is
 * not a number, out of range or unknown is a 400, an unknown product or category a 404.
 *
 * <p>Scoped to the catalog's API controllers and not a {@code ResponseEntityExceptionHandler}: a bean of that type
 * would switch off Spring Boot's application-wide problem details handler for every other module.
 */
@RestControllerAdvice(assignableTypes = { ProductApi.class, CategoryApi.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems {

	/** Problem member naming the offending request parameter. */
	static final String PARAMETER = "parameter";

	/*
	 * Problem types. Relative URI references (RFC 9457 allows them, resolved against the request URL); they name the
	 * kind of problem for clients to switch on, and are listed in the OpenAPI description.
	 */
	static final URI NOT_FOUND = URI.create("/api/v1/problems/not-found");
	static final URI INVALID_PARAMETER = URI.create("/api/v1/problems/invalid-parameter");

	@ExceptionHandler(ApiNotFound.class)
	ResponseEntity<ProblemDetail> notFound(ApiNotFound ex, HttpServletRequest request) {
		return problem(NOT_FOUND, HttpStatus.NOT_FOUND, ex.getMessage(), null, request);
	}

	@ExceptionHandler(InvalidProductQuery.class)
	ResponseEntity<ProblemDetail> invalidQuery(InvalidProductQuery ex, HttpServletRequest request) {
		return problem(INVALID_PARAMETER, HttpStatus.BAD_REQUEST, ex.getMessage(), ex.parameter(), request);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		String value = String.valueOf(ex.getValue());
		if (value.length() > 40) {
			value = value.substring(0, 40) + "…";
		}
		Class<?> type = ex.getRequiredType();
		String expected = type == null ? "a valid value"
				: type == long.class || type == int.class || type == Long.class || type == Integer.class
						? "a whole number" : "a number";
		String detail = "'%s' is not %s (%s)".formatted(value, expected, ex.getName());
		return problem(INVALID_PARAMETER, HttpStatus.BAD_REQUEST, detail, ex.getName(), request);
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException ex, HttpServletRequest request) {
		return problem(INVALID_PARAMETER, HttpStatus.BAD_REQUEST,
				"Parameter '" + ex.getParameterName() + "' is required",
				ex.getParameterName(), request);
	}

	private static ResponseEntity<ProblemDetail> problem(URI type, HttpStatus status, String detail,
			@Nullable String parameter, HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setInstance(URI.create(request.getRequestURI()));
		if (parameter != null) {
			problem.setProperty(PARAMETER, parameter);
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}
}
