package com.retailflow.orders.internal.web;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import com.retailflow.kernel.Money;
import com.retailflow.orders.OrderDetails;
import com.retailflow.orders.OrderLine;
import com.retailflow.orders.OrderStatus;
import com.retailflow.orders.ShippingAddress;

/**
 * What the order page bodies ({@code src/main/jte/orders}) render: plain, already formatted data, in legacy's words
 * and formats ({@code account.php}, {@code order.php}). Public only because the precompiled template classes live in
 * jte's own package.
 */
public final class OrderViews {

	private static final DateTimeFormatter LEGACY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private OrderViews() {
	}

	/** {@code account.php}: the account line, then one row per order, newest first. */
	public record History(String name, String email, String since, List<Row> orders) {
	}

	public record Row(String href, String number, String placedAt, int statusCode, String status, int items,
			String total) {

		static Row of(OrderDetails order) {
			return new Row(OrderPages.href(order), OrderViews.number(order), LEGACY_TIME.format(order.placedAt()),
					OrderViews.statusCode(order.status()), label(order.status()),
					order.lines().stream().mapToInt(OrderLine::quantity).sum(), money(order.total()));
		}
	}

	/** {@code order.php}: the order's lines and total. */
	public record Detail(String number, String placedAt, int statusCode, String status, List<Line> lines, String total,
			String cancelReason, @Nullable ShippingAddress shipTo) {

		static Detail of(OrderDetails order) {
			return new Detail(OrderViews.number(order), LEGACY_TIME.format(order.placedAt()),
					OrderViews.statusCode(order.status()),
					label(order.status()), order.lines().stream().map(Line::of).toList(), money(order.total()),
					order.cancelReason() == null ? "" : order.cancelReason(), order.shipTo());
		}
	}

	public record Line(String name, String unitPrice, int quantity, String total) {

		static Line of(OrderLine line) {
			return new Line(line.name(), money(line.unitPrice()), line.quantity(), money(line.total()));
		}
	}

	public record Problem(String title, String message) {
	}

	/** Legacy's number where the order has one (shoppers know their orders by it), else the new id. */
	static String number(OrderDetails order) {
		return "#" + (order.legacyOrderId() != null ? order.legacyOrderId().toString() : order.id().toString());
	}

	/** Legacy's {@code orders.status} codes, which its style sheet colours by ({@code status-1}). */
	static int statusCode(OrderStatus status) {
		return switch (status) {
			case PLACED -> 0;
			case PAID -> 1;
			case SHIPPED -> 2;
			case DELIVERED -> 3;
			case CANCELLED -> 9;
		};
	}

	static String label(OrderStatus status) {
		return switch (status) {
			case PLACED -> "New";
			case PAID -> "Paid";
			case SHIPPED -> "Shipped";
			case DELIVERED -> "Delivered";
			case CANCELLED -> "Cancelled";
		};
	}

	/** As legacy's {@code money()} prints it: symbol, thousands separators, the currency's decimals. */
	static String money(Money money) {
		var format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
		format.setMinimumFractionDigits(money.currency().getDefaultFractionDigits());
		format.setMaximumFractionDigits(money.currency().getDefaultFractionDigits());
		return money.currency().getSymbol(Locale.US) + format.format(money.amount());
	}
}
