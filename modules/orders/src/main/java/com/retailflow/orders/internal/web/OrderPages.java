package com.retailflow.orders.internal.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

import com.retailflow.catalog.storefront.StorefrontLayout;
import com.retailflow.identity.AccountId;
import com.retailflow.identity.IdentityManagement;
import com.retailflow.identity.SignedInAccount;
import com.retailflow.orders.OrderDetails;
import com.retailflow.orders.OrderId;
import com.retailflow.orders.OrderManagement;
import com.retailflow.orders.internal.web.OrderViews.Detail;
import com.retailflow.orders.internal.web.OrderViews.History;
import com.retailflow.orders.internal.web.OrderViews.Problem;
import com.retailflow.orders.internal.web.OrderViews.Row;

import gg.jte.TemplateEngine;

/**
 * The signed-in shopper's order history ({@code account.php}) and one order ({@code order.php}), with legacy's markup
 * and texts, inside the storefront layout. An order is named by its id, or by legacy's number for orders legacy
 * knows (links from legacy pages and e-mails carry it). Anybody else's order, a malformed id and an unknown one are
 * all the same 404, as in legacy, so a shopper cannot tell whether an order exists.
 */
@Controller
class OrderPages {

	static final String HISTORY = "/account/orders";
	private static final Pattern LEGACY_NUMBER = Pattern.compile("[1-9][0-9]{0,17}");
	private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

	private final OrderManagement orders;
	private final IdentityManagement identity;
	private final StorefrontLayout layout;
	private final TemplateEngine templates;

	OrderPages(OrderManagement orders, IdentityManagement identity, StorefrontLayout layout, TemplateEngine templates) {
		this.orders = orders;
		this.identity = identity;
		this.layout = layout;
		this.templates = templates;
	}

	@GetMapping({ HISTORY, HISTORY + "/" })
	ModelAndView history(HttpServletRequest request, HttpServletResponse response) {
		var account = SignedInAccount.current().flatMap(identity::find);
		if (account.isEmpty()) {
			// signed in as no shopper (the account went away under a live session): legacy sends it to sign in
			return new ModelAndView("redirect:/sign-in?next=" + HISTORY);
		}
		var details = account.get();
		var page = new History(details.name(), details.email().value(), DAY.format(details.createdAt()),
				orders.historyOf(details.id()).stream().map(Row::of).toList());
		return render(request, response, "Your account", "history", page, HttpStatus.OK);
	}

	@GetMapping(HISTORY + "/{id}")
	ModelAndView order(@PathVariable String id, HttpServletRequest request, HttpServletResponse response) {
		var order = SignedInAccount.current().flatMap(account -> ownOrder(account, id));
		if (order.isEmpty()) {
			return render(request, response, "Order not found", "error",
					new Problem("Order not found", "We could not find that order."), HttpStatus.NOT_FOUND);
		}
		var detail = Detail.of(order.get());
		return render(request, response, "Order " + detail.number(), "order", detail, HttpStatus.OK);
	}

	/** The account's order named by a UUID or by legacy's number; empty for anything else. */
	private Optional<OrderDetails> ownOrder(AccountId account, String id) {
		return parse(id).flatMap(orderId -> orders.findFor(account, orderId));
	}

	private Optional<OrderId> parse(String id) {
		if (LEGACY_NUMBER.matcher(id).matches()) {
			return orders.idOfLegacyOrder(Long.parseLong(id));
		}
		return uuid(id).map(OrderId::new);
	}

	static Optional<UUID> uuid(String text) {
		if (text.length() != 36) {
			return Optional.empty();
		}
		try {
			return Optional.of(UUID.fromString(text));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	static String href(OrderDetails order) {
		return HISTORY + "/" + (order.legacyOrderId() != null ? order.legacyOrderId().toString() : order.id().toString());
	}

	private ModelAndView render(HttpServletRequest request, HttpServletResponse response, String title,
			String template, Object page, HttpStatusCode status) {
		return layout.page(request, response, title,
				output -> templates.render("orders/" + template + ".jte", page, output), status);
	}
}
