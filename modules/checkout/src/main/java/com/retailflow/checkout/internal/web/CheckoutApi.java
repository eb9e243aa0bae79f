package com.retailflow.checkout.internal.web;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.retailflow.checkout.CheckoutRequest;
import com.retailflow.checkout.InvalidCheckout;
import com.retailflow.checkout.internal.idempotency.IdempotencyKey;
import com.retailflow.kernel.Money;

/**
 * {@code POST /api/v1/checkout}: places an order from the signed-in shopper's cart. Needs an {@code Idempotency-Key}
 * (IETF draft -07); answers 201 with the paid order, 202 while the payment is being resolved, 402 when declined,
 * 409 when the cart changed or stock ran out. The body:
 * {@code {"shipName","shipAddress","shipCity","shipZip","cardNumber","expectedTotal":"12.50"}}.
 */
@RestController
@RequestMapping(path = "/api/v1/checkout")
class CheckoutApi {

	private static final Set<String> FIELDS = Set.of("shipName", "shipAddress", "shipCity", "shipZip", "cardNumber",
			"expectedTotal");

	private final IdempotentCheckouts checkouts;
	private final CartOwners owners;
	private final Currency currency;

	CheckoutApi(IdempotentCheckouts checkouts, CartOwners owners,
			@Value("${retailflow.catalog.currency:USD}") String currency) {
		this.checkouts = checkouts;
		this.owners = owners;
		this.currency = Currency.getInstance(currency);
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> checkout(@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable String header,
			@RequestBody String body, HttpServletRequest request) {
		if (header == null) {
			return CheckoutProblems.respond(CheckoutProblems.of(CheckoutProblems.KEY_REQUIRED, HttpStatus.BAD_REQUEST,
					"Send an Idempotency-Key header: a unique value per checkout, the same on every retry.", request));
		}
		var key = IdempotencyKey.parse(header);
		if (key.isEmpty()) {
			return CheckoutProblems.respond(CheckoutProblems.of(CheckoutProblems.KEY_INVALID, HttpStatus.BAD_REQUEST,
					"An Idempotency-Key is 1 to 255 printable ASCII characters.", request));
		}
		var shopper = owners.signedIn();
		if (shopper.isEmpty()) {
			return CheckoutProblems.respond(
					CheckoutProblems.of(CheckoutProblems.NOT_SIGNED_IN, HttpStatus.UNAUTHORIZED, "Sign in to check out.", request));
		}
		owners.owner(request); // merges an anonymous cart brought along into the account's
		var answer = checkouts.checkout(shopper.get(), key.get(), parse(body), request);
		var response = ResponseEntity.status(answer.status())
			.contentType(answer.problem() ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore());
		if (answer.replayed()) {
			response.header("Idempotent-Replayed", "true");
		}
		return response.body(answer.body());
	}

	private CheckoutRequest parse(String body) {
		var json = JsonBodies.object(body, FIELDS);
		BigDecimal expected = JsonBodies.amount(json, "expectedTotal");
		Money total;
		try {
			total = new Money(expected, currency);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCheckout("expectedTotal", "expectedTotal has more decimals than " + currency + " has.");
		}
		return new CheckoutRequest(JsonBodies.text(json, "shipName"), JsonBodies.text(json, "shipAddress"),
				JsonBodies.text(json, "shipCity"), JsonBodies.text(json, "shipZip"), JsonBodies.text(json, "cardNumber"),
				total);
	}
}
