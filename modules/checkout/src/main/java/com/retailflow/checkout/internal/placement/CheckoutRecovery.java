package com.retailflow.checkout.internal.placement;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.retailflow.checkout.internal.payment.PaymentGateway;
import com.retailflow.checkout.internal.payment.PaymentUnknown;
import com.retailflow.checkout.internal.placement.CheckoutLedger.Payment;
import com.retailflow.checkout.internal.placement.CheckoutLedger.Stock;
import com.retailflow.orders.OrderDetails;
import com.retailflow.orders.OrderId;
import com.retailflow.orders.OrderManagement;

/**
 * Finishes every order checkout left half-way (ADR 0048, 0049): a lost payment answer, a crash between placing and
 * paying, an {@code OrderPaid} or {@code OrderCancelled} whose listener never ran. Looks at ledger rows untouched for
 * the grace period, which is longer than any request takes, so it never races a shopper's own request; every step it
 * takes locks the row and is idempotent, so it runs on every instance at once without harm.
 *
 * <ul>
 * <li>payment pending, order PLACED: the charge is looked up by the order id; found → PAID, none → CANCELLED
 * (stock released, nothing charged). The provider not answering → tried again next round.</li>
 * <li>order PAID (or later) with stock held → reservations confirmed; order CANCELLED with stock held → released.</li>
 * </ul>
 */
@Component
class CheckoutRecovery {

	private static final Logger log = LoggerFactory.getLogger(CheckoutRecovery.class);

	/**
	 * {@code retailflow.checkout.recovery.*}.
	 *
	 * @param grace how long a ledger row must be untouched before recovery acts on it
	 * @param interval pause between runs (read by the scheduler from the property; keep the default in step)
	 * @param batchSize rows looked at per run
	 */
	@ConfigurationProperties("retailflow.checkout.recovery")
	record RecoverySettings(@DefaultValue("60s") Duration grace, @DefaultValue("10s") Duration interval,
			@DefaultValue("200") int batchSize) {
	}

	private final CheckoutLedger ledger;
	private final OrderManagement orders;
	private final PaymentGateway payments;
	private final OrderSettlement settlement;
	private final RecoverySettings settings;
	private final Clock clock;

	CheckoutRecovery(CheckoutLedger ledger, OrderManagement orders, PaymentGateway payments,
			OrderSettlement settlement, RecoverySettings settings, ObjectProvider<Clock> clock) {
		this.ledger = ledger;
		this.orders = orders;
		this.payments = payments;
		this.settlement = settlement;
		this.settings = settings;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	@Scheduled(fixedDelayString = "${retailflow.checkout.recovery.interval:10s}",
			initialDelayString = "${retailflow.checkout.recovery.interval:10s}")
	void run() {
		int resolved = recover();
		if (resolved > 0) {
			log.info("Checkout recovery settled {} orders", resolved);
		}
	}

	/** @return how many orders this run moved on */
	int recover() {
		int resolved = 0;
		for (OrderId orderId : ledger.unresolvedSince(clock.instant().minus(settings.grace()), settings.batchSize())) {
			try {
				if (settle(orderId)) {
					resolved++;
				}
			}
			catch (RuntimeException ex) {
				// one order's trouble must not stop the others; it is tried again next round
				log.warn("Could not settle order {} yet: {}", orderId, ex.toString());
			}
		}
		return resolved;
	}

	private boolean settle(OrderId orderId) {
		var entry = ledger.find(orderId).orElse(null);
		OrderDetails order = orders.find(orderId).orElse(null);
		if (entry == null || order == null) {
			return false;
		}
		switch (order.status()) {
			case PLACED -> {
				if (entry.payment() != Payment.PENDING) {
					return false;
				}
				try {
					var charge = payments.lookup(orderId.toString());
					if (charge.isPresent()) {
						settlement.paid(orderId, charge.get().reference());
						settlement.confirmStock(orderId);
					}
					else {
						settlement.cancel(orderId, "The payment could not be completed.", false);
						settlement.releaseStock(orderId);
					}
				}
				catch (PaymentUnknown ex) {
					return false;
				}
			}
			case PAID, SHIPPED, DELIVERED -> {
				if (entry.stock() != Stock.HELD) {
					return false;
				}
				settlement.confirmStock(orderId);
			}
			case CANCELLED -> settlement.releaseStock(orderId);
		}
		return true;
	}
}
