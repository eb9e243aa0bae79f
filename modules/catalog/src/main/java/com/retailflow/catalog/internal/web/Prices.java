package com.retailflow.catalog.internal.web;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;

import com.retailflow.kernel.Money;

/** Prices as the shop prints them: currency symbol, thousands separators, two decimals ({@code €1,234.50}). */
final class Prices {

	private Prices() {
	}

	static String format(Money money) {
		// DecimalFormat is not thread-safe; a new one per call is cheaper than contention.
		var format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
		format.setMinimumFractionDigits(money.currency().getDefaultFractionDigits());
		format.setMaximumFractionDigits(money.currency().getDefaultFractionDigits());
		return symbol(money.currency()) + format.format(money.amount());
	}

	/** A whole amount without decimals, as the shop's marketing texts print it ({@code €50}). */
	static String whole(long amount, Currency currency) {
		return symbol(currency) + new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.US))
			.format(BigDecimal.valueOf(amount));
	}

	private static String symbol(Currency currency) {
		return currency.getSymbol(Locale.US);
	}
}
