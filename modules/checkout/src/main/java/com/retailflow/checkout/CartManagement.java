package com.retailflow.checkout;

import java.util.Map;

import com.retailflow.catalog.ProductId;
import com.retailflow.identity.AccountId;

/**
 * The checkout module's cart API. Lines hold a product id and a quantity (1 to {@link #MAX_LINE_QUANTITY}); prices
 * and names come from the catalog each time a cart is read. Carts nobody touched for
 * {@code retailflow.checkout.cart.ttl} are forgotten.
 */
public interface CartManagement {

	/** The legacy shop's limit per line, kept so a cart means the same on both sides. */
	int MAX_LINE_QUANTITY = 99;

	/** The cart priced now; empty for an owner without one. */
	CartView cartOf(CartOwner owner);

	/**
	 * Adds units of a product; a line already there grows, capped at {@link #MAX_LINE_QUANTITY}.
	 *
	 * @throws InvalidQuantity for a quantity outside 1 to {@link #MAX_LINE_QUANTITY}
	 * @throws ProductNotFound for a product the catalog does not have or hides
	 * @throws ProductUnavailable for a product shoppers cannot buy now (discontinued or out of stock)
	 */
	CartView add(CartOwner owner, ProductId product, int quantity);

	/**
	 * Sets a line's quantity; 0 removes it. A product not in the cart is refused rather than added.
	 *
	 * @throws InvalidQuantity for a quantity outside 0 to {@link #MAX_LINE_QUANTITY}
	 * @throws ProductNotFound for a product not in the cart
	 */
	CartView update(CartOwner owner, ProductId product, int quantity);

	/**
	 * {@link #update} for several lines at once, all or nothing: one refused line changes none.
	 */
	CartView updateAll(CartOwner owner, Map<ProductId, Integer> quantities);

	/** Removes a line; removing a product not in the cart changes nothing. */
	CartView remove(CartOwner owner, ProductId product);

	/**
	 * Merges an anonymous shopper's cart into the account's at sign-in (rule: ADR 0046): quantities of a product in
	 * both are added, capped at {@link #MAX_LINE_QUANTITY}; the anonymous cart is gone afterwards. Idempotent: a second
	 * call finds no anonymous cart and changes nothing.
	 */
	CartView merge(CartOwner anonymous, AccountId account);

	/**
	 * Whether this owner's cart is the one the legacy shop keeps (a PHP session's, while the legacy adapter bridges
	 * carts, ADR 0057): then that session's cart is the signed-in shopper's cart too, as on the legacy shop.
	 */
	boolean keptByLegacy(CartOwner owner);

	/**
	 * At sign-in on a legacy session whose cart the legacy shop keeps: a cart the account kept on this side (from the
	 * API, another device) is merged into the session's by the rule of ADR 0046 and is gone afterwards. Idempotent.
	 */
	CartView mergeIntoSession(AccountId account, CartOwner session);
}
