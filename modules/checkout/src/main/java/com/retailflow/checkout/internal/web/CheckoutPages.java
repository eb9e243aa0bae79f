package com.retailflow.checkout.internal.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import com.retailflow.checkout.CartManagement;
import com.retailflow.checkout.CartOwner;
import com.retailflow.checkout.CartView;
import com.retailflow.checkout.CheckoutRequest;
import com.retailflow.checkout.CheckoutResult;
import com.retailflow.checkout.InvalidCheckout;
import com.retailflow.checkout.internal.idempotency.IdempotencyKey;
import com.retailflow.identity.AccountDetails;
import com.retailflow.kernel.Money;
import com.retailflow.orders.OrderId;
import com.retailflow.orders.OrderManagement;

import tools.jackson.databind.JsonNode;

/**
 * {@code /checkout} in the legacy look, for signed-in owners. The form carries the total the shopper was shown
 * (a changed price re-shows the page instead of charging) and a one-time token that is the post's idempotency key, so
 * a double click or a reload of the post places one order.
 */
@Controller
@RequestMapping("/checkout")
class CheckoutPages {

	private final CartManagement carts;
	private final IdempotentCheckouts checkouts;
	private final OrderManagement orders;
	private final CartOwners owners;
	private final CheckoutViews pages;

	CheckoutPages(CartManagement carts, IdempotentCheckouts checkouts, OrderManagement orders, CartOwners owners,
			CheckoutViews pages) {
		this.carts = carts;
		this.checkouts = checkouts;
		this.orders = orders;
		this.owners = owners;
		this.pages = pages;
	}

	@GetMapping
	ModelAndView form(HttpServletRequest request, HttpServletResponse response) {
		var shopper = owners.signedIn();
		if (shopper.isEmpty()) {
			return new ModelAndView("redirect:/sign-in?next=/checkout");
		}
		CartView cart = carts.cartOf(owners.owner(request));
		if (cart.empty()) {
			return new ModelAndView("redirect:/cart");
		}
		return form(request, response, cart, new CheckoutViews.CheckoutForm(shopper.get().name(), "", "", ""), List.of(),
				HttpStatus.OK);
	}

	@PostMapping
	ModelAndView place(@RequestParam Map<String, String> fields, HttpServletRequest request,
			HttpServletResponse response) {
		var shopper = owners.signedIn();
		if (shopper.isEmpty()) {
			return new ModelAndView("redirect:/sign-in?next=/checkout");
		}
		CartOwner owner = owners.owner(request);
		var token = IdempotencyKey.parse(fields.get("checkout_token"));
		if (token.isEmpty()) {
			return pages.problem(request, response, HttpStatus.BAD_REQUEST, "Bad request",
					"The checkout form could not be read. Please go back to your cart and try again.");
		}
		var form = new CheckoutViews.CheckoutForm(field(fields, "ship_name"), field(fields, "ship_address"),
				field(fields, "ship_city"), field(fields, "ship_zip"));
		CheckoutRequest checkout;
		try {
			checkout = new CheckoutRequest(form.shipName(), form.shipAddress(), form.shipCity(), form.shipZip(),
					field(fields, "card_number"), expectedTotal(fields.get("expected_total"), owner));
		}
		catch (InvalidCheckout ex) {
			return form(request, response, carts.cartOf(owner), form, List.of(ex.getMessage()),
					HttpStatus.UNPROCESSABLE_CONTENT);
		}
		var answer = checkouts.checkout(shopper.get(), token.get(), checkout, request);
		JsonNode body = JsonBodies.JSON.readTree(answer.body());
		return switch (answer.status()) {
			case 201, 202 -> placed(shopper.get(), body.get("orderId").asString(), request, response,
					HttpStatus.valueOf(answer.status()));
			case 402 -> form(request, response, carts.cartOf(owner), form,
					List.of("Your card was declined. Please use another card."), HttpStatus.PAYMENT_REQUIRED);
			case 409 -> form(request, response, carts.cartOf(owner), form, List.of(body.get("detail").asString()),
					HttpStatus.CONFLICT);
			default -> pages.problem(request, response, HttpStatus.valueOf(answer.status()), "Checkout not completed",
					body.path("detail").asString("Please go back to your cart and try again."));
		};
	}

	private ModelAndView placed(AccountDetails shopper, String orderId, HttpServletRequest request,
			HttpServletResponse response, HttpStatus status) {
		var order = orders.find(new OrderId(UUID.fromString(orderId)))
			.filter(found -> shopper.id().equals(found.accountId()))
			.orElseThrow();
		CheckoutResult.Outcome outcome = switch (order.status()) {
			case PLACED -> CheckoutResult.Outcome.PAYMENT_PENDING;
			case CANCELLED -> CheckoutResult.Outcome.DECLINED;
			default -> CheckoutResult.Outcome.PAID;
		};
		return pages.render(request, response, "Thank you", "placed",
				new CheckoutViews.PlacedPage(new CheckoutResult(order, outcome)), status);
	}

	private ModelAndView form(HttpServletRequest request, HttpServletResponse response, CartView cart,
			CheckoutViews.CheckoutForm form, List<String> errors, HttpStatus status) {
		return pages.render(request, response, "Checkout", "checkout", new CheckoutViews.CheckoutPage(cart, form, errors,
				UUID.randomUUID().toString(), CheckoutViews.csrf(request)), status);
	}

	private Money expectedTotal(String value, CartOwner owner) {
		Money current = carts.cartOf(owner).total();
		try {
			return new Money(new BigDecimal(value == null ? "" : value.strip()), current.currency());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCheckout("expected_total", "The checkout form could not be read.");
		}
	}

	private static String field(Map<String, String> fields, String name) {
		String value = fields.get(name);
		return value == null ? "" : value.strip();
	}
}
