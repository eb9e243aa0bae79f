package com.retailflow.checkout.internal.web;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.retailflow.catalog.ProductId;
import com.retailflow.checkout.CartManagement;
import com.retailflow.checkout.CartView;
import com.retailflow.checkout.ProductNotFound;
import com.retailflow.checkout.internal.web.ApiViews.CartJson;

/**
 * The shopper's own cart as JSON: there is no cart id in any URL, so nobody can name another shopper's cart.
 * Unsafe calls carry the CSRF token in {@code X-XSRF-TOKEN}.
 */
@RestController
@RequestMapping(path = "/api/v1/cart", produces = MediaType.APPLICATION_JSON_VALUE)
class CartApi {

	private final CartManagement carts;
	private final CartOwners owners;

	CartApi(CartManagement carts, CartOwners owners) {
		this.carts = carts;
		this.owners = owners;
	}

	@GetMapping
	ResponseEntity<CartJson> cart(HttpServletRequest request) {
		return json(carts.cartOf(owners.owner(request)));
	}

	/** Adds {@code {"productId": 42, "quantity": 2}}; a line already there grows. */
	@PostMapping(path = "/lines", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<CartJson> add(@RequestBody String body, HttpServletRequest request, HttpServletResponse response) {
		var json = JsonBodies.object(body, Set.of("productId", "quantity"));
		ProductId product = productId(JsonBodies.longInteger(json, "productId"));
		int quantity = JsonBodies.integer(json, "quantity");
		return json(carts.add(owners.ownerForChange(request, response), product, quantity));
	}

	/** Sets a line's quantity, {@code {"quantity": 3}}; 0 removes it. */
	@PutMapping(path = "/lines/{productId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<CartJson> update(@PathVariable long productId, @RequestBody String body,
			HttpServletRequest request, HttpServletResponse response) {
		var json = JsonBodies.object(body, Set.of("quantity"));
		return json(carts.update(owners.ownerForChange(request, response), productId(productId),
				JsonBodies.integer(json, "quantity")));
	}

	@DeleteMapping("/lines/{productId}")
	ResponseEntity<CartJson> remove(@PathVariable long productId, HttpServletRequest request,
			HttpServletResponse response) {
		return json(carts.remove(owners.ownerForChange(request, response), productId(productId)));
	}

	private static ProductId productId(long value) {
		if (value <= 0) {
			throw new ProductNotFound("There is no product " + value + ".");
		}
		return ProductId.of(value);
	}

	private static ResponseEntity<CartJson> json(CartView cart) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(CartJson.of(cart));
	}
}
