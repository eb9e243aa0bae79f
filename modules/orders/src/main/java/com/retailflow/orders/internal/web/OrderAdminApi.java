package com.retailflow.orders.internal.web;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.retailflow.orders.OrderId;
import com.retailflow.orders.OrderManagement;
import com.retailflow.orders.internal.web.OrderResources.OrderResource;

/**
 * {@code POST /admin/api/orders/{id}/ship|deliver|cancel}: the warehouse and customer service move orders on. The
 * ADMIN role is checked by the platform's chains for all of {@code /admin/**}. An illegal move is a 409 problem
 * naming the order's status; nothing changes.
 */
@RestController
@RequestMapping(path = OrderAdminApi.ADMIN_ORDERS, produces = MediaType.APPLICATION_JSON_VALUE)
class OrderAdminApi {

	static final String ADMIN_ORDERS = "/admin/api/orders";

	/** Why an order is cancelled; optional, "cancelled by an admin" when absent. */
	record CancelRequest(@Nullable String reason) {
	}

	private final OrderManagement orders;

	OrderAdminApi(OrderManagement orders) {
		this.orders = orders;
	}

	@PostMapping("/{id}/ship")
	OrderResource ship(@PathVariable String id) {
		return OrderResource.of(orders.ship(orderId(id)));
	}

	@PostMapping("/{id}/deliver")
	OrderResource deliver(@PathVariable String id) {
		return OrderResource.of(orders.deliver(orderId(id)));
	}

	@PostMapping(path = "/{id}/cancel")
	OrderResource cancel(@PathVariable String id, @RequestBody(required = false) @Nullable CancelRequest body) {
		String reason = body == null || body.reason() == null || body.reason().isBlank() ? "cancelled by an admin"
				: body.reason();
		return OrderResource.of(orders.cancel(orderId(id), reason));
	}

	private static OrderId orderId(String id) {
		return OrderPages.uuid(id).map(OrderId::new).orElseThrow(OrderProblems.NotFound::new);
	}
}
