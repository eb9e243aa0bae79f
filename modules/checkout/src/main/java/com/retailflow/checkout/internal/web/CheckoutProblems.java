package com.retailflow.checkout.internal.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.retailflow.checkout.CartChanged;
import com.retailflow.checkout.EmptyCart;
import com.retailflow.checkout.InvalidCheckout;
import com.retailflow.checkout.InvalidQuantity;
import com.retailflow.checkout.OutOfStock;
import com.retailflow.checkout.ProductNotFound;
import com.retailflow.checkout.ProductUnavailable;
import com.retailflow.checkout.internal.web.JsonBodies.BadBody;

/**
 * Every error of the cart and checkout API as an RFC 9457 problem ({@code application/problem+json}). Scoped to the
 * two API controllers; checkout builds its problems through {@link #of} too, because it stores them for replay.
 */
@RestControllerAdvice(assignableTypes = { CartApi.class, CheckoutApi.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class CheckoutProblems {

	static final URI INVALID = URI.create("/api/v1/problems/invalid-input");
	static final URI NOT_FOUND = URI.create("/api/v1/problems/not-found");
	static final URI UNAVAILABLE = URI.create("/api/v1/problems/product-unavailable");
	static final URI EMPTY_CART = URI.create("/api/v1/problems/empty-cart");
	static final URI CART_CHANGED = URI.create("/api/v1/problems/cart-changed");
	static final URI OUT_OF_STOCK = URI.create("/api/v1/problems/out-of-stock");
	static final URI DECLINED = URI.create("/api/v1/problems/payment-declined");
	static final URI KEY_REQUIRED = URI.create("/api/v1/problems/idempotency-key-required");
	static final URI KEY_INVALID = URI.create("/api/v1/problems/idempotency-key-invalid");
	static final URI KEY_REUSED = URI.create("/api/v1/problems/idempotency-key-reused");
	static final URI KEY_IN_FLIGHT = URI.create("/api/v1/problems/idempotency-key-in-flight");
	static final URI NOT_SIGNED_IN = URI.create("/api/v1/problems/not-signed-in");
	static final URI CSRF = URI.create("/api/v1/problems/csrf");
	static final URI UNSUPPORTED = URI.create("/api/v1/problems/unsupported-media-type");

	static ProblemDetail of(URI type, HttpStatus status, String detail, HttpServletRequest request) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(status.getReasonPhrase());
		problem.setInstance(URI.create(request.getRequestURI()));
		return problem;
	}

	static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.cacheControl(CacheControl.noStore())
			.body(problem);
	}

	/** For filters, before any controller runs. */
	static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, URI type,
			String detail) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Cache-Control", "no-store");
		response.getWriter().write(JsonBodies.JSON.writeValueAsString(of(type, status, detail, request)));
	}

	@ExceptionHandler(BadBody.class)
	ResponseEntity<ProblemDetail> badBody(BadBody ex, HttpServletRequest request) {
		var problem = of(INVALID, HttpStatus.BAD_REQUEST, ex.getMessage(), request);
		problem.setProperty("field", ex.field());
		return respond(problem);
	}

	@ExceptionHandler(InvalidCheckout.class)
	ResponseEntity<ProblemDetail> invalid(InvalidCheckout ex, HttpServletRequest request) {
		var problem = of(INVALID, HttpStatus.BAD_REQUEST, ex.getMessage(), request);
		problem.setProperty("field", ex.field());
		return respond(problem);
	}

	@ExceptionHandler(InvalidQuantity.class)
	ResponseEntity<ProblemDetail> quantity(InvalidQuantity ex, HttpServletRequest request) {
		var problem = of(INVALID, HttpStatus.BAD_REQUEST, ex.getMessage(), request);
		problem.setProperty("field", "quantity");
		return respond(problem);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		return respond(of(INVALID, HttpStatus.BAD_REQUEST, ex.getName() + " is not valid.", request));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		return respond(of(INVALID, HttpStatus.BAD_REQUEST, "The body could not be read.", request));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ProblemDetail> unsupported(HttpMediaTypeNotSupportedException ex, HttpServletRequest request) {
		return respond(of(UNSUPPORTED, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send application/json.", request));
	}

	@ExceptionHandler(ProductNotFound.class)
	ResponseEntity<ProblemDetail> notFound(ProductNotFound ex, HttpServletRequest request) {
		return respond(of(NOT_FOUND, HttpStatus.NOT_FOUND, ex.getMessage(), request));
	}

	@ExceptionHandler(ProductUnavailable.class)
	ResponseEntity<ProblemDetail> unavailable(ProductUnavailable ex, HttpServletRequest request) {
		return respond(of(UNAVAILABLE, HttpStatus.CONFLICT, ex.getMessage(), request));
	}

	static ProblemDetail emptyCart(EmptyCart ex, HttpServletRequest request) {
		return of(EMPTY_CART, HttpStatus.CONFLICT, ex.getMessage(), request);
	}

	static ProblemDetail cartChanged(CartChanged ex, HttpServletRequest request) {
		var problem = of(CART_CHANGED, HttpStatus.CONFLICT, ex.getMessage(), request);
		problem.setProperties(Map.of("cart", ApiViews.CartJson.of(ex.cart())));
		return problem;
	}

	static ProblemDetail outOfStock(OutOfStock ex, HttpServletRequest request) {
		return of(OUT_OF_STOCK, HttpStatus.CONFLICT, ex.getMessage(), request);
	}
}
