package com.retailflow.orders.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AbstractAggregateRoot;

import com.retailflow.identity.AccountId;
import com.retailflow.kernel.Money;
import com.retailflow.orders.IllegalOrderTransition;
import com.retailflow.orders.LegacyOrder;
import com.retailflow.orders.OrderCancelled;
import com.retailflow.orders.OrderDelivered;
import com.retailflow.orders.OrderDetails;
import com.retailflow.orders.OrderId;
import com.retailflow.orders.OrderLine;
import com.retailflow.orders.OrderPaid;
import com.retailflow.orders.OrderPlaced;
import com.retailflow.orders.OrderShipped;
import com.retailflow.orders.OrderStatus;
import com.retailflow.orders.PlaceOrder;
import com.retailflow.orders.ShippingAddress;

/**
 * An order: the aggregate behind the order lifecycle. Each transition checks the status it starts from, refuses an
 * illegal move with {@link IllegalOrderTransition}, and registers its past-tense event, published when
 * {@link Orders} saves the order. Repeating a transition that already happened (paying with the same reference,
 * cancelling a cancelled order) changes nothing and registers nothing, because callers retry.
 *
 * <p>Orders imported from legacy take legacy's state as it is ({@link #takeLegacyState}): legacy is their system of
 * record, and nothing on the new side reacts to what happened there, so no events.
 */
@Entity
@Table(name = "orders", schema = "orders")
public class Order extends AbstractAggregateRoot<Order> {

	enum Origin {
		NEW, LEGACY
	}

	@Id
	private UUID id;

	@Column(name = "account_id")
	private @Nullable UUID accountId;

	@Column(name = "legacy_customer_id")
	private @Nullable Long legacyCustomerId;

	@Column(name = "shopper_email")
	private String shopperEmail;

	@Enumerated(EnumType.STRING)
	private OrderStatus status;

	private String currency;

	private BigDecimal total;

	@Column(name = "payment_reference")
	private @Nullable String paymentReference;

	@Column(name = "cancel_reason")
	private @Nullable String cancelReason;

	@Enumerated(EnumType.STRING)
	private Origin origin;

	@Column(name = "legacy_order_id")
	private @Nullable Long legacyOrderId;

	@Column(name = "ship_name")
	private @Nullable String shipName;

	@Column(name = "ship_address")
	private @Nullable String shipAddress;

	@Column(name = "ship_city")
	private @Nullable String shipCity;

	@Column(name = "ship_zip")
	private @Nullable String shipZip;

	@Column(name = "placed_at")
	private Instant placedAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "order_lines", schema = "orders", joinColumns = @JoinColumn(name = "order_id"))
	@OrderColumn(name = "line_no")
	private List<OrderLineEntry> lines = new ArrayList<>();

	@Version
	private @Nullable Long version;

	@SuppressWarnings("NullAway.Init")
	protected Order() {
		// for JPA
	}

	private Order(OrderId id, String shopperEmail, List<OrderLine> lines, Money total, Origin origin, Instant placedAt,
			Instant now) {
		this.id = id.value();
		this.shopperEmail = shopperEmail;
		this.status = OrderStatus.PLACED;
		this.currency = total.currency().getCurrencyCode();
		this.total = total.amount();
		this.lines = new ArrayList<>(lines.stream().map(OrderLineEntry::new).toList());
		this.origin = origin;
		this.placedAt = placedAt;
		this.updatedAt = now;
	}

	/** A shopper placed an order on the new side. The command has been checked by {@link OrderChecks}. */
	static Order place(PlaceOrder command, Instant now) {
		var order = new Order(command.orderId(), command.shopperEmail(), command.lines(), command.total(), Origin.NEW,
				now, now);
		order.accountId = command.accountId() == null ? null : command.accountId().value();
		var shipTo = command.shipTo();
		if (shipTo != null) {
			order.shipName = shipTo.name();
			order.shipAddress = shipTo.address();
			order.shipCity = shipTo.city();
			order.shipZip = shipTo.zip();
		}
		order.registerEvent(new OrderPlaced(command.orderId(), command.accountId(), command.lines(), command.total()));
		return order;
	}

	/** An order as legacy's tables hold it. */
	static Order importLegacy(OrderId id, LegacyOrder legacy, Instant now) {
		var order = new Order(id, legacy.shopperEmail(), legacy.lines(), legacy.total(), Origin.LEGACY,
				legacy.placedAt(), now);
		order.legacyCustomerId = legacy.legacyCustomerId();
		order.legacyOrderId = legacy.legacyOrderId();
		order.status = legacy.status();
		return order;
	}

	/** PLACED → PAID; the same reference again is a repeat and changes nothing. */
	boolean markPaid(String reference, Instant now) {
		if (reference.equals(paymentReference) && status != OrderStatus.CANCELLED) {
			return false;
		}
		requireStatus(OrderStatus.PLACED, "paid");
		status = OrderStatus.PAID;
		paymentReference = reference;
		updatedAt = now;
		registerEvent(new OrderPaid(orderId(), reference));
		return true;
	}

	/** PLACED or PAID → CANCELLED; a cancelled order stays cancelled with its first reason. */
	boolean cancel(String reason, Instant now) {
		if (status == OrderStatus.CANCELLED) {
			return false;
		}
		if (status != OrderStatus.PLACED && status != OrderStatus.PAID) {
			throw new IllegalOrderTransition(orderId(), status, "cancelled");
		}
		status = OrderStatus.CANCELLED;
		cancelReason = reason;
		updatedAt = now;
		registerEvent(new OrderCancelled(orderId(), reason));
		return true;
	}

	/** PAID → SHIPPED. */
	void ship(Instant now) {
		requireStatus(OrderStatus.PAID, "shipped");
		status = OrderStatus.SHIPPED;
		updatedAt = now;
		registerEvent(new OrderShipped(orderId()));
	}

	/** SHIPPED → DELIVERED. */
	void deliver(Instant now) {
		requireStatus(OrderStatus.SHIPPED, "delivered");
		status = OrderStatus.DELIVERED;
		updatedAt = now;
		registerEvent(new OrderDelivered(orderId()));
	}

	/**
	 * Legacy's row of an imported order changed there (its status, its lines, its total): take it over as it is.
	 *
	 * @return whether anything changed
	 */
	boolean takeLegacyState(LegacyOrder legacy, Instant now) {
		var incoming = importLegacy(orderId(), legacy, now);
		if (incoming.sameStateAs(this)) {
			return false;
		}
		legacyCustomerId = incoming.legacyCustomerId;
		shopperEmail = incoming.shopperEmail;
		status = incoming.status;
		currency = incoming.currency;
		total = incoming.total;
		placedAt = incoming.placedAt;
		lines.clear();
		lines.addAll(incoming.lines);
		updatedAt = now;
		return true;
	}

	/** Legacy's row that the write-back created for this order. */
	boolean linkLegacy(long legacyId, Instant now) {
		if (legacyOrderId != null) {
			if (legacyOrderId != legacyId) {
				throw new IllegalStateException("Order " + id + " is legacy order " + legacyOrderId + ", not " + legacyId);
			}
			return false;
		}
		legacyOrderId = legacyId;
		updatedAt = now;
		return true;
	}

	/**
	 * The order as legacy's row of it should read: an imported one names its legacy customer, one placed here the
	 * customer its account is on legacy ({@code accountsLegacyId}, 0 for none).
	 */
	LegacyOrder asLegacy(@Nullable Long accountsLegacyId) {
		if (legacyOrderId == null) {
			throw new IllegalStateException("Order " + id + " has no legacy row");
		}
		long customer = origin == Origin.LEGACY && legacyCustomerId != null ? legacyCustomerId
				: accountsLegacyId == null ? 0 : accountsLegacyId;
		var details = details();
		return new LegacyOrder(legacyOrderId, customer, shopperEmail, status, details.lines(), details.total(), placedAt);
	}

	boolean cameFromLegacy() {
		return origin == Origin.LEGACY;
	}

	/** Whether this account may see the order: it placed it, or it is the legacy customer who did. */
	boolean belongsTo(AccountId account, @Nullable Long accountsLegacyId) {
		return account.value().equals(accountId)
				|| (accountsLegacyId != null && accountsLegacyId.equals(legacyCustomerId));
	}

	OrderId orderId() {
		return new OrderId(id);
	}

	OrderDetails details() {
		var orderCurrency = Currency.getInstance(currency);
		return new OrderDetails(orderId(), accountId == null ? null : new AccountId(accountId), shopperEmail, status,
				lines.stream().map(line -> line.toLine(orderCurrency)).toList(), Money.of(total, orderCurrency), placedAt,
				updatedAt, legacyOrderId, cancelReason, shipTo());
	}

	private @Nullable ShippingAddress shipTo() {
		if (shipName == null || shipAddress == null || shipCity == null || shipZip == null) {
			return null;
		}
		return new ShippingAddress(shipName, shipAddress, shipCity, shipZip);
	}

	private void requireStatus(OrderStatus expected, String attempted) {
		if (status != expected) {
			throw new IllegalOrderTransition(orderId(), status, attempted);
		}
	}

	private boolean sameStateAs(Order other) {
		var mine = details();
		var theirs = other.details();
		return Objects.equals(legacyCustomerId, other.legacyCustomerId) && mine.shopperEmail().equals(theirs.shopperEmail())
				&& mine.status() == theirs.status() && mine.total().equals(theirs.total())
				&& mine.placedAt().equals(theirs.placedAt()) && mine.lines().equals(theirs.lines());
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Order order && Objects.equals(id, order.id);
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(id);
	}
}
