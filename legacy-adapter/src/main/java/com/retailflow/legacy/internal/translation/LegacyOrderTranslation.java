package com.retailflow.legacy.internal.translation;

import com.retailflow.orders.LegacyOrder;
import com.retailflow.orders.OrderLine;
import com.retailflow.orders.OrderStatus;

/**
 * Legacy orders as the orders module's values, through the same rules as every other legacy value
 * ({@link LegacyTranslation}: FLOAT money, UTC dates). Status codes are legacy's {@code orders.status}: 0 new, 1 paid,
 * 2 shipped, 3 delivered, 9 cancelled. Legacy's stored total is kept as it is, even where it is not the sum of the
 * items (legacy's reports show that total). What has no faithful translation throws {@link UntranslatableRow}.
 */
public final class LegacyOrderTranslation {

	private final LegacyTranslation translation;

	public LegacyOrderTranslation(LegacyTranslation translation) {
		this.translation = translation;
	}

	/** @throws UntranslatableRow for an unknown status, a missing date, bad money, or an item of no quantity */
	public LegacyOrder order(LegacyOrderRow row) {
		if (row.items().size() != row.itemCount()) {
			throw new UntranslatableRow("read " + row.items().size() + " of the order's " + row.itemCount() + " items");
		}
		var total = translation.money(row.total());
		var placedAt = LegacyTranslation.instant(row.createdAt());
		var lines = row.items().stream().map(this::line).toList();
		return new LegacyOrder(row.id(), row.customerId(), row.customerEmail() == null ? "" : row.customerEmail(),
				status(row.status()), lines, total, placedAt);
	}

	private OrderLine line(LegacyOrderRow.Item item) {
		if (item.quantity() < 1) {
			throw new UntranslatableRow("item " + item.id() + " has quantity " + item.quantity());
		}
		try {
			return new OrderLine(Long.toString(item.productId()), item.sku(), item.name(), translation.money(item.unitPrice()),
					item.quantity());
		}
		catch (IllegalArgumentException ex) {
			throw new UntranslatableRow("item " + item.id() + ": " + ex.getMessage());
		}
	}

	/** @throws UntranslatableRow for a code the shop never defined */
	public static OrderStatus status(int code) {
		return switch (code) {
			case 0 -> OrderStatus.PLACED;
			case 1 -> OrderStatus.PAID;
			case 2 -> OrderStatus.SHIPPED;
			case 3 -> OrderStatus.DELIVERED;
			case 9 -> OrderStatus.CANCELLED;
			default -> throw new UntranslatableRow("unknown order status code " + code);
		};
	}

	/** The legacy code of a status, for the write-back. */
	public static int code(OrderStatus status) {
		return switch (status) {
			case PLACED -> 0;
			case PAID -> 1;
			case SHIPPED -> 2;
			case DELIVERED -> 3;
			case CANCELLED -> 9;
		};
	}
}
