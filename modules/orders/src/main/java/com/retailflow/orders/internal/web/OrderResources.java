package com.retailflow.orders.internal.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.retailflow.kernel.Money;
import com.retailflow.orders.OrderDetails;
import com.retailflow.orders.OrderLine;

/** The JSON shapes of the orders API. Amounts are decimal strings, never floats. */
final class OrderResources {

	private OrderResources() {
	}

	record PriceResource(String amount, String currency) {

		static PriceResource of(Money money) {
			return new PriceResource(money.amount().toPlainString(), money.currency().getCurrencyCode());
		}
	}

	record LineResource(String productId, String sku, String name, PriceResource unitPrice, int quantity,
			PriceResource total) {

		static LineResource of(OrderLine line) {
			return new LineResource(line.productId(), line.sku(), line.name(), PriceResource.of(line.unitPrice()),
					line.quantity(), PriceResource.of(line.total()));
		}
	}

	record OrderResource(String id, String status, List<LineResource> lines, PriceResource total, Instant placedAt,
			Instant updatedAt, @Nullable Long legacyOrderId, @Nullable String cancelReason) {

		static OrderResource of(OrderDetails order) {
			return new OrderResource(order.id().toString(), order.status().name(),
					order.lines().stream().map(LineResource::of).toList(), PriceResource.of(order.total()),
					order.placedAt(), order.updatedAt(), order.legacyOrderId(), order.cancelReason());
		}
	}

	record OrderList(List<OrderResource> orders) {
	}
}
