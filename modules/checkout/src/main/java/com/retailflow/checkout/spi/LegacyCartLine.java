package com.retailflow.checkout.spi;

/** One line of a legacy session's cart: a legacy product id and how many units. */
public record LegacyCartLine(long productId, int quantity) {
}
