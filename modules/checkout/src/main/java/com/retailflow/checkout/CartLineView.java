package com.retailflow.checkout;

import com.retailflow.catalog.ProductId;
import com.retailflow.inventory.Sku;
import com.retailflow.kernel.Money;

/**
 * A cart line as the shopper sees it now: the quantity from the cart, name and price from the catalog at this moment.
 *
 * @param name the product's name, or "No longer available" for a product the catalog no longer shows
 * @param available units the shopper could buy now (from inventory, through the catalog)
 * @param buyable whether the product is sold now (active, not hidden or discontinued)
 */
public record CartLineView(ProductId productId, Sku sku, String name, Money unitPrice, int quantity, Money total,
		int available, boolean buyable) {

	/** Whether this line can be checked out as it is. */
	public boolean orderable() {
		return buyable && available >= quantity;
	}
}
