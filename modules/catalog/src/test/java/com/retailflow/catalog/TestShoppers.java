package com.retailflow.catalog;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.retailflow.catalog.spi.ShopperContext;
import com.retailflow.catalog.spi.ShopperState;

/** A {@link ShopperContext} whose answer the tests choose; anonymous unless told otherwise. */
public class TestShoppers implements ShopperContext {

	private final AtomicReference<ShopperState> current = new AtomicReference<>(ShopperState.anonymous());

	@Override
	public ShopperState current(HttpServletRequest request, HttpServletResponse response) {
		return current.get();
	}

	public void set(ShopperState state) {
		current.set(state);
	}

	public void reset() {
		current.set(ShopperState.anonymous());
	}
}
