package com.retailflow.catalog;

/** A write addressed a product the catalog does not have. */
public class UnknownProduct extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final transient ProductId productId;

	public UnknownProduct(ProductId productId) {
		super("No product " + productId);
		this.productId = productId;
	}

	public ProductId productId() {
		return productId;
	}
}
