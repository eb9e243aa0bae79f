package com.retailflow.checkout.internal.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import com.retailflow.catalog.ProductId;
import com.retailflow.checkout.CartManagement;
import com.retailflow.checkout.CartOwner;
import com.retailflow.checkout.InvalidQuantity;
import com.retailflow.checkout.ProductNotFound;
import com.retailflow.checkout.ProductUnavailable;

/**
 * {@code /cart} in the legacy look, with the legacy cart's forms: {@code action=add} ({@code product_id}, {@code qty}),
 * {@code action=update} ({@code qty[ID]=N}, 0 removes), {@code action=remove} ({@code product_id}), each with the
 * {@code csrf} field, answered with a redirect back to the cart.
 */
@Controller
@RequestMapping("/cart")
class CartPages {

	static final String REFUSED = "/cart/refused";
	private static final String REFUSED_PATH = "/refused";

	private final CartManagement carts;
	private final CartOwners owners;
	private final CheckoutViews pages;

	CartPages(CartManagement carts, CartOwners owners, CheckoutViews pages) {
		this.carts = carts;
		this.owners = owners;
		this.pages = pages;
	}

	@GetMapping
	ModelAndView cart(@RequestParam(required = false) @Nullable String notice, HttpServletRequest request,
			HttpServletResponse response) {
		String shown = switch (notice == null ? "" : notice) {
			case "added" -> "The item was added to your cart.";
			case "updated" -> "Your cart was updated.";
			case "removed" -> "The item was removed from your cart.";
			default -> null;
		};
		return pages.render(request, response, "Your cart", "cart",
				new CheckoutViews.CartPage(carts.cartOf(owners.owner(request)), shown, CheckoutViews.csrf(request)), HttpStatus.OK);
	}

	@PostMapping
	ModelAndView change(@RequestParam Map<String, String> form, HttpServletRequest request,
			HttpServletResponse response) {
		CartOwner owner = owners.ownerForChange(request, response);
		String action = form.getOrDefault("action", "");
		switch (action) {
			case "add" -> {
				carts.add(owner, product(form.get("product_id")), quantity(form.getOrDefault("qty", "1")));
				return redirect("added");
			}
			case "update" -> {
				var changes = new LinkedHashMap<ProductId, Integer>();
				form.forEach((name, value) -> {
					if (name.startsWith("qty[") && name.endsWith("]")) {
						changes.put(product(name.substring(4, name.length() - 1)), quantity(value));
					}
				});
				carts.updateAll(owner, changes);
				return redirect("updated");
			}
			case "remove" -> {
				carts.remove(owner, product(form.get("product_id")));
				return redirect("removed");
			}
			default -> {
				return pages.problem(request, response, HttpStatus.BAD_REQUEST, "Bad request", "Unknown cart action.");
			}
		}
	}

	/** A form without a valid CSRF token: legacy's 400 page. */
	@RequestMapping(REFUSED_PATH)
	ModelAndView refused(HttpServletRequest request, HttpServletResponse response) {
		return pages.problem(request, response, HttpStatus.BAD_REQUEST, "Bad request",
				"Your session has expired or the form is invalid. Please go back, reload the page and try again.");
	}

	@ExceptionHandler({ InvalidQuantity.class, BadForm.class })
	ModelAndView badInput(RuntimeException ex, HttpServletRequest request, HttpServletResponse response) {
		return pages.problem(request, response, HttpStatus.BAD_REQUEST, "Bad request", ex.getMessage());
	}

	@ExceptionHandler(ProductNotFound.class)
	ModelAndView notFound(ProductNotFound ex, HttpServletRequest request, HttpServletResponse response) {
		return pages.problem(request, response, HttpStatus.NOT_FOUND, "Product not found", "We could not find that product.");
	}

	@ExceptionHandler(ProductUnavailable.class)
	ModelAndView unavailable(ProductUnavailable ex, HttpServletRequest request, HttpServletResponse response) {
		return pages.problem(request, response, HttpStatus.CONFLICT, "Not available", ex.getMessage());
	}

	private static ModelAndView redirect(String notice) {
		return new ModelAndView("redirect:/cart?notice=" + notice);
	}

	static ProductId product(@Nullable String value) {
		try {
			long id = Long.parseLong(value == null ? "" : value.strip());
			if (id <= 0) {
				throw new ProductNotFound("There is no product " + id + ".");
			}
			return ProductId.of(id);
		}
		catch (NumberFormatException ex) {
			throw new BadForm("Please choose a product.");
		}
	}

	static int quantity(String value) {
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new BadForm("Quantities must be whole numbers between 0 and " + CartManagement.MAX_LINE_QUANTITY + ".");
		}
	}

	/** A form field that is not what the form sends. */
	static class BadForm extends RuntimeException {

		BadForm(String message) {
			super(message);
		}
	}
}
