package com.retailflow.checkout.internal.web;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

import com.retailflow.catalog.storefront.StorefrontLayout;
import com.retailflow.checkout.CartView;
import com.retailflow.checkout.CheckoutResult;
import com.retailflow.kernel.Money;

import gg.jte.TemplateEngine;

/** Renders the cart and checkout page bodies inside the storefront layout, and their models. */
@Component
public class CheckoutViews {

	/** The cart page: the cart, a notice after a change, the CSRF token for its forms. */
	public record CartPage(CartView cart, @Nullable String notice, String csrf) {
	}

	/** The checkout form, with the token that makes its post idempotent and any errors to show. */
	public record CheckoutPage(CartView cart, CheckoutForm form, List<String> errors, String checkoutToken, String csrf) {
	}

	/** What the shopper typed (never the card number back). */
	public record CheckoutForm(String shipName, String shipAddress, String shipCity, String shipZip) {

		static final CheckoutForm EMPTY = new CheckoutForm("", "", "", "");
	}

	/** The order after checkout: paid, or waiting for the payment to be resolved. */
	public record PlacedPage(CheckoutResult result) {
	}

	public record Problem(String title, String message) {
	}

	private final StorefrontLayout layout;
	private final TemplateEngine templates;

	CheckoutViews(StorefrontLayout layout, TemplateEngine templates) {
		this.layout = layout;
		this.templates = templates;
	}

	ModelAndView render(HttpServletRequest request, HttpServletResponse response, String title, String template,
			Object page, HttpStatusCode status) {
		response.setHeader("Cache-Control", "no-store");
		return layout.page(request, response, title,
				output -> templates.render("checkout/" + template + ".jte", page, output), status);
	}

	ModelAndView problem(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, String title,
			String message) {
		return render(request, response, title, "problem", new Problem(title, message), status);
	}

	/** As the legacy shop prints prices: {@code $1,234.50}. */
	public static String money(Money money) {
		var format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
		String amount = format.format(money.amount());
		return "USD".equals(money.currency().getCurrencyCode()) ? "$" + amount
				: amount + " " + money.currency().getCurrencyCode();
	}

	static String csrf(HttpServletRequest request) {
		return request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token ? token.getToken() : "";
	}
}
