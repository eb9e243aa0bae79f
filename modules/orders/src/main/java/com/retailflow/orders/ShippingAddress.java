package com.retailflow.orders;

import java.util.Objects;

/**
 * Where an order goes, as the checkout form asks for it (the legacy shop's fields and limits).
 *
 * @param name up to 100 characters
 * @param address up to 255 characters
 * @param city up to 100 characters
 * @param zip up to 20 characters
 */
public record ShippingAddress(String name, String address, String city, String zip) {

	public ShippingAddress {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(city, "city");
		Objects.requireNonNull(zip, "zip");
		if (name.length() > 100 || address.length() > 255 || city.length() > 100 || zip.length() > 20) {
			throw new IllegalArgumentException("A shipping address field is longer than legacy's column");
		}
	}
}
