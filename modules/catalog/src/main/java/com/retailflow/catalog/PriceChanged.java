package com.retailflow.catalog;

import com.retailflow.kernel.Money;

/**
 * Published when the price of an existing product changed.
 *
 * @param productId the product
 * @param previousPrice what it cost before
 * @param price what it costs now
 */
public record PriceChanged(ProductId productId, Money previousPrice, Money price) {
}
