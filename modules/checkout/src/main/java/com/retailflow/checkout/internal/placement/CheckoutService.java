package com.retailflow.checkout.internal.placement;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.retailflow.checkout.CartChanged;
import com.retailflow.checkout.CartLineView;
import com.retailflow.checkout.CartManagement;
import com.retailflow.checkout.CartOwner;
import com.retailflow.checkout.CartView;
import com.retailflow.checkout.CheckoutManagement;
import com.retailflow.checkout.CheckoutRequest;
import com.retailflow.checkout.CheckoutResult;
import com.retailflow.checkout.CheckoutResult.Outcome;
import com.retailflow.checkout.EmptyCart;
import com.retailflow.checkout.OutOfStock;
import com.retailflow.checkout.internal.payment.Authorization;
import com.retailflow.checkout.internal.payment.PaymentGateway;
import com.retailflow.checkout.internal.payment.PaymentUnknown;
import com.retailflow.checkout.internal.placement.CheckoutLedger.Payment;
import com.retailflow.identity.AccountDetails;
import com.retailflow.inventory.InsufficientStock;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.inventory.ReservationId;
import com.retailflow.orders.IllegalOrderTransition;
import com.retailflow.orders.OrderDetails;
import com.retailflow.orders.OrderId;
import com.retailflow.orders.OrderLine;
import com.retailflow.orders.OrderManagement;
import com.retailflow.orders.OrderStatus;
import com.retailflow.orders.PlaceOrder;
import com.retailflow.orders.ShippingAddress;

/**
 * Checkout in three steps: (1) one transaction reserves every line's stock, places the order and writes the ledger
 * row, so none exists without the others; (2) the payment is authorized under the order id as idempotency key;
 * (3) the order is marked paid, or cancelled on a decline. A lost answer in (2) leaves the order PLACED for the
 * recovery job (ADR 0048); a crash anywhere leaves a state the recovery job finishes (ADR 0049).
 */
@Service
class CheckoutService implements CheckoutManagement {

	private static final Logger log = LoggerFactory.getLogger(CheckoutService.class);

	private final CartManagement carts;
	private final InventoryManagement inventory;
	private final OrderManagement orders;
	private final PaymentGateway payments;
	private final CheckoutLedger ledger;
	private final OrderSettlement settlement;
	private final TransactionTemplate transactions;
	private final Clock clock;

	CheckoutService(CartManagement carts, InventoryManagement inventory, OrderManagement orders,
			PaymentGateway payments, CheckoutLedger ledger, OrderSettlement settlement,
			TransactionTemplate transactions, ObjectProvider<Clock> clock) {
		this.carts = carts;
		this.inventory = inventory;
		this.orders = orders;
		this.payments = payments;
		this.ledger = ledger;
		this.settlement = settlement;
		this.transactions = transactions;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	@Override
	public CheckoutResult checkout(AccountDetails shopper, CartOwner cart, CheckoutRequest request, OrderId orderId) {
		var placed = ledger.find(orderId);
		if (placed.isEmpty()) {
			place(shopper, cart, request, orderId);
		}
		else if (placed.get().payment() != Payment.PENDING) {
			// an earlier attempt with this id got further: report where it stands, never charge again
			return current(orderId);
		}
		OrderDetails order = orders.find(orderId).orElseThrow();
		if (order.status() != OrderStatus.PLACED) {
			return current(orderId);
		}
		return pay(order, request.cardNumber());
	}

	private void place(AccountDetails shopper, CartOwner owner, CheckoutRequest request, OrderId orderId) {
		CartView cart = carts.cartOf(owner);
		if (cart.empty()) {
			throw new EmptyCart("Your cart is empty.");
		}
		if (!cart.orderable()) {
			throw new CartChanged("Some items in your cart cannot be bought as they are; please review your cart.", cart);
		}
		if (!cart.total().equals(request.expectedTotal())) {
			throw new CartChanged("Prices in your cart have changed: the total is now " + cart.total()
					+ ", not " + request.expectedTotal() + ". Please review your cart.", cart);
		}
		List<OrderLine> lines = cart.lines()
			.stream()
			.map(line -> new OrderLine(line.productId().toString(), line.sku().code(), line.name(), line.unitPrice(),
					line.quantity()))
			.toList();
		try {
			transactions.executeWithoutResult(status -> {
				List<ReservationId> reservations = new ArrayList<>();
				// in SKU order, like inventory's own bulk writes, so two carts never wait on each other's rows in a cycle
				cart.lines()
					.stream()
					.sorted(Comparator.comparing(line -> line.sku().code()))
					.forEach(line -> reservations.add(reserve(line)));
				ledger.insert(orderId, owner, reservations, clock.instant());
				orders.place(new PlaceOrder(orderId, shopper.id(), shopper.email().value(), lines, cart.total(),
						new ShippingAddress(request.shipName(), request.shipAddress(), request.shipCity(),
								request.shipZip())));
			});
		}
		catch (InsufficientStock ex) {
			throw new OutOfStock(ex.getMessage(), ex);
		}
	}

	private ReservationId reserve(CartLineView line) {
		return inventory.reserve(line.sku(), line.quantity()).id();
	}

	private CheckoutResult pay(OrderDetails order, String cardNumber) {
		OrderId orderId = order.id();
		Authorization answer;
		try {
			answer = payments.authorize(orderId.toString(), order.total(), cardNumber);
		}
		catch (PaymentUnknown unknown) {
			log.warn("Payment of order {} is unknown, looking it up: {}", orderId, unknown.getMessage());
			try {
				var charge = payments.lookup(orderId.toString());
				if (charge.isEmpty()) {
					// not charged, or the charge is not visible yet: the recovery job decides after its grace period
					return new CheckoutResult(order, Outcome.PAYMENT_PENDING);
				}
				answer = charge.get();
			}
			catch (PaymentUnknown stillUnknown) {
				return new CheckoutResult(order, Outcome.PAYMENT_PENDING);
			}
		}
		return switch (answer) {
			case Authorization.Approved approved -> paid(orderId, approved.reference());
			case Authorization.Declined declined -> new CheckoutResult(
					settlement.cancel(orderId, "Payment declined: " + declined.reason(), true), Outcome.DECLINED);
		};
	}

	private CheckoutResult paid(OrderId orderId, String reference) {
		try {
			return new CheckoutResult(settlement.paid(orderId, reference), Outcome.PAID);
		}
		catch (IllegalOrderTransition ex) {
			// the recovery job cancelled it meanwhile (the provider was slower than its grace period): let the hold go
			log.warn("Order {} was authorized after it had been cancelled; voiding the authorization", orderId);
			settlement.releaseStock(orderId);
			return current(orderId);
		}
	}

	private CheckoutResult current(OrderId orderId) {
		OrderDetails order = orders.find(orderId).orElseThrow();
		Outcome outcome = switch (order.status()) {
			case PLACED -> Outcome.PAYMENT_PENDING;
			case CANCELLED -> Outcome.DECLINED;
			case PAID, SHIPPED, DELIVERED -> Outcome.PAID;
		};
		return new CheckoutResult(order, outcome);
	}
}
