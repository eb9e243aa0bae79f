package com.retailflow.identity.internal.web;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.retailflow.identity.EmailAlreadyRegistered;
import com.retailflow.identity.InvalidAccountData;
import com.retailflow.identity.internal.passwords.HashingBusy;
import com.retailflow.identity.internal.passwords.PasswordTooLong;
import com.retailflow.identity.internal.signin.SignInThrottled;

/**
 * Every error of the auth API as an RFC 9457 problem. Scoped to {@link AuthApi}, and not a
 * {@code ResponseEntityExceptionHandler} (a bean of that type would switch off Boot's problem details for every other
 * module).
 */
@RestControllerAdvice(assignableTypes = AuthApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuthProblems {

	static final URI INVALID = URI.create("/api/v1/problems/invalid-input");
	static final URI BAD_CREDENTIALS = URI.create("/api/v1/problems/bad-credentials");
	static final URI NOT_SIGNED_IN = URI.create("/api/v1/problems/not-signed-in");
	static final URI THROTTLED = URI.create("/api/v1/problems/too-many-attempts");
	static final URI EMAIL_TAKEN = URI.create("/api/v1/problems/email-taken");
	static final URI BUSY = URI.create("/api/v1/problems/busy");

	@ExceptionHandler(InvalidAccountData.class)
	ResponseEntity<ProblemDetail> invalid(InvalidAccountData ex, HttpServletRequest request) {
		var problem = problem(INVALID, HttpStatus.BAD_REQUEST, ex.getMessage(), request);
		problem.getBody().setProperty("field", ex.field());
		return problem;
	}

	@ExceptionHandler(PasswordTooLong.class)
	ResponseEntity<ProblemDetail> tooLong(PasswordTooLong ex, HttpServletRequest request) {
		var problem = problem(INVALID, HttpStatus.BAD_REQUEST, ex.getMessage(), request);
		problem.getBody().setProperty("field", "password");
		return problem;
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		return problem(INVALID, HttpStatus.BAD_REQUEST,
				"The request body is not a JSON object with string members as documented.", request);
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException ex, HttpServletRequest request) {
		return problem(INVALID, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.", request);
	}

	@ExceptionHandler(BadCredentialsException.class)
	ResponseEntity<ProblemDetail> badCredentials(BadCredentialsException ex, HttpServletRequest request) {
		return problem(BAD_CREDENTIALS, HttpStatus.UNAUTHORIZED, "The e-mail address or password is not correct.",
				request);
	}

	@ExceptionHandler(AuthApi.NotSignedIn.class)
	ResponseEntity<ProblemDetail> notSignedIn(AuthApi.NotSignedIn ex, HttpServletRequest request) {
		return problem(NOT_SIGNED_IN, HttpStatus.UNAUTHORIZED, ex.getMessage(), request);
	}

	@ExceptionHandler(SignInThrottled.class)
	ResponseEntity<ProblemDetail> throttled(SignInThrottled ex, HttpServletRequest request) {
		var problem = problem(THROTTLED, HttpStatus.TOO_MANY_REQUESTS,
				"Too many failed sign-in attempts. Try again in " + ex.retryAfterSeconds() + " seconds.", request);
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfterSeconds()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem.getBody());
	}

	@ExceptionHandler(EmailAlreadyRegistered.class)
	ResponseEntity<ProblemDetail> taken(EmailAlreadyRegistered ex, HttpServletRequest request) {
		return problem(EMAIL_TAKEN, HttpStatus.CONFLICT, ex.getMessage(), request);
	}

	@ExceptionHandler({ HashingBusy.class, InternalAuthenticationServiceException.class })
	ResponseEntity<ProblemDetail> busy(RuntimeException ex, HttpServletRequest request) {
		var problem = problem(BUSY, HttpStatus.SERVICE_UNAVAILABLE, "Too busy right now; try again in a moment.",
				request);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem.getBody());
	}

	static ResponseEntity<ProblemDetail> problem(URI type, HttpStatus status, @Nullable String detail,
			HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setInstance(URI.create(request.getRequestURI()));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}
}
