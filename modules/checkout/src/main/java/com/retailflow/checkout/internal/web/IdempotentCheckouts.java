package com.retailflow.checkout.internal.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import com.retailflow.checkout.CartChanged;
import com.retailflow.checkout.CartOwner;
import com.retailflow.checkout.CheckoutManagement;
import com.retailflow.checkout.CheckoutRequest;
import com.retailflow.checkout.CheckoutResult;
import com.retailflow.checkout.EmptyCart;
import com.retailflow.checkout.OutOfStock;
import com.retailflow.checkout.internal.idempotency.IdempotencyKey;
import com.retailflow.checkout.internal.idempotency.IdempotencyStore;
import com.retailflow.checkout.internal.idempotency.IdempotencyStore.Claim;
import com.retailflow.checkout.internal.web.ApiViews.OrderJson;
import com.retailflow.identity.AccountDetails;

/**
 * A checkout under an idempotency key, for the API (the {@code Idempotency-Key} header) and the page (a token in the
 * form): the first request with a key runs and its answer is stored; the same key and request again get that answer,
 * status included; a different request under the key gets 422; a key whose first request still runs gets 409.
 */
@Component
class IdempotentCheckouts {

	/** An answer: its status and the JSON body (an order, or a problem). */
	record Answer(int status, String body, boolean replayed) {

		boolean problem() {
			return status >= 400;
		}
	}

	private final IdempotencyStore keys;
	private final CheckoutManagement checkout;

	private final CartOwners owners;

	IdempotentCheckouts(IdempotencyStore keys, CheckoutManagement checkout, CartOwners owners) {
		this.keys = keys;
		this.checkout = checkout;
		this.owners = owners;
	}

	Answer checkout(AccountDetails shopper, IdempotencyKey key, CheckoutRequest request, HttpServletRequest http) {
		CartOwner owner = CartOwner.account(shopper.id());
		Claim claim = keys.claim(owner, key, fingerprint(request));
		return switch (claim) {
			case Claim.Mismatch mismatch -> problem(CheckoutProblems.of(CheckoutProblems.KEY_REUSED, HttpStatus.UNPROCESSABLE_CONTENT,
					"This Idempotency-Key was used for a different request.", http));
			case Claim.InFlight inFlight -> problem(CheckoutProblems.of(CheckoutProblems.KEY_IN_FLIGHT, HttpStatus.CONFLICT,
					"The first request with this Idempotency-Key is still being processed; retry shortly.", http));
			case Claim.Replay replay -> new Answer(replay.status(), replay.body(), true);
			case Claim.First first -> {
				Answer answer;
				try {
					answer = answer(checkout.checkout(shopper, owners.owner(http), request, first.orderId()), http);
				}
				catch (EmptyCart ex) {
					answer = problem(CheckoutProblems.emptyCart(ex, http));
				}
				catch (CartChanged ex) {
					answer = problem(CheckoutProblems.cartChanged(ex, http));
				}
				catch (OutOfStock ex) {
					answer = problem(CheckoutProblems.outOfStock(ex, http));
				}
				catch (RuntimeException ex) {
					// no answer worth replaying: a retry with the key starts afresh (the order id stays unused or
					// is carried on by the recovery job)
					keys.abandon(owner, key);
					throw ex;
				}
				keys.complete(owner, key, answer.status(), answer.body());
				yield answer;
			}
		};
	}

	private static Answer answer(CheckoutResult result, HttpServletRequest http) {
		return switch (result.outcome()) {
			case PAID -> new Answer(HttpStatus.CREATED.value(), json(OrderJson.of(result)), false);
			case PAYMENT_PENDING -> new Answer(HttpStatus.ACCEPTED.value(), json(OrderJson.of(result)), false);
			case DECLINED -> {
				var problem = CheckoutProblems.of(CheckoutProblems.DECLINED, HttpStatus.PAYMENT_REQUIRED,
						"The payment was declined; the order was cancelled and your cart kept. Please use another card.",
						http);
				problem.setProperty("order", OrderJson.of(result));
				yield problem(problem);
			}
		};
	}

	private static Answer problem(ProblemDetail problem) {
		return new Answer(problem.getStatus(), json(problem), false);
	}

	private static String json(Object value) {
		return JsonBodies.JSON.writeValueAsString(value);
	}

	/** The request as the key's first use saw it: same fields, same fingerprint, whatever the JSON spelling. */
	static String fingerprint(CheckoutRequest request) {
		String canonical = String.join("\u0000", request.shipName(), request.shipAddress(), request.shipCity(),
				request.shipZip(), request.cardNumber(), request.expectedTotal().toString());
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}
}
