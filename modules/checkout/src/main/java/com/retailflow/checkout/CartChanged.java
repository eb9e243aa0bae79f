package com.retailflow.checkout;

/**
 * The cart no longer prices at the total the shopper saw (a price changed), or a line cannot be bought as it is
 * (hidden, discontinued, short of stock). Nothing was reserved or charged; the shopper is shown {@link #cart()}.
 */
public class CartChanged extends RuntimeException {

	private final CartView cart;

	public CartChanged(String message, CartView cart) {
		super(message);
		this.cart = cart;
	}

	public CartView cart() {
		return cart;
	}
}
