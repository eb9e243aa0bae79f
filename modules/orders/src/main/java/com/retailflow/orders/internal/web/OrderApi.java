package com.retailflow.orders.internal.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.retailflow.identity.AccountId;
import com.retailflow.identity.SignedInAccount;
import com.retailflow.orders.OrderId;
import com.retailflow.orders.OrderManagement;
import com.retailflow.orders.internal.web.OrderResources.OrderList;
import com.retailflow.orders.internal.web.OrderResources.OrderResource;

/**
 * {@code GET /api/v1/orders[/{id}]}: the signed-in shopper's orders. Another shopper's order, an unknown id and a
 * malformed one are the same 404 problem, so the API does not reveal which orders exist.
 */
@RestController
class OrderApi {

	static final String ORDERS = "/api/v1/orders";

	private final OrderManagement orders;

	OrderApi(OrderManagement orders) {
		this.orders = orders;
	}

	@GetMapping(path = { ORDERS, ORDERS + "/" }, produces = MediaType.APPLICATION_JSON_VALUE)
	OrderList list() {
		return new OrderList(orders.historyOf(shopper()).stream().map(OrderResource::of).toList());
	}

	@GetMapping(path = ORDERS + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	OrderResource order(@PathVariable String id) {
		return OrderPages.uuid(id)
			.map(OrderId::new)
			.flatMap(orderId -> orders.findFor(shopper(), orderId))
			.map(OrderResource::of)
			.orElseThrow(OrderProblems.NotFound::new);
	}

	private static AccountId shopper() {
		return SignedInAccount.current().orElseThrow(OrderProblems.NotSignedIn::new);
	}
}
