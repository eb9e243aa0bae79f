package com.retailflow.checkout.internal.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.retailflow.checkout.CartLineView;
import com.retailflow.checkout.CartView;
import com.retailflow.checkout.CheckoutResult;
import com.retailflow.kernel.Money;
import com.retailflow.orders.OrderDetails;
import com.retailflow.orders.OrderLine;

/** The JSON shapes of the cart and checkout API. Amounts are strings with the currency's decimals. */
final class ApiViews {

	private ApiViews() {
	}

	record CartJson(List<LineJson> lines, int itemCount, String total, String currency, boolean orderable,
			@Nullable Instant expiresAt) {

		static CartJson of(CartView cart) {
			return new CartJson(cart.lines().stream().map(LineJson::of).toList(), cart.itemCount(),
					amount(cart.total()), cart.total().currency().getCurrencyCode(), cart.orderable(), cart.expiresAt());
		}
	}

	record LineJson(long productId, String sku, String name, String unitPrice, int quantity, String lineTotal,
			int available, boolean buyable) {

		static LineJson of(CartLineView line) {
			return new LineJson(line.productId().value(), line.sku().code(), line.name(), amount(line.unitPrice()),
					line.quantity(), amount(line.total()), line.available(), line.buyable());
		}
	}

	record OrderJson(String orderId, String status, String outcome, String total, String currency,
			List<OrderLineJson> lines, Instant placedAt, @Nullable String cancelReason) {

		static OrderJson of(CheckoutResult result) {
			OrderDetails order = result.order();
			return new OrderJson(order.id().toString(), order.status().name(), result.outcome().name(),
					amount(order.total()), order.total().currency().getCurrencyCode(),
					order.lines().stream().map(OrderLineJson::of).toList(), order.placedAt(), order.cancelReason());
		}
	}

	record OrderLineJson(String productId, String sku, String name, String unitPrice, int quantity) {

		static OrderLineJson of(OrderLine line) {
			return new OrderLineJson(line.productId(), line.sku(), line.name(), amount(line.unitPrice()),
					line.quantity());
		}
	}

	static String amount(Money money) {
		return money.amount().toPlainString();
	}
}
