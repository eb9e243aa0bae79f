package com.retailflow.kernel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of money. Never a float: the amount is a {@link BigDecimal} with exactly the currency's number of
 * decimals ({@code 14.99 EUR}, {@code 15.00 EUR}), so equal amounts are equal records.
 *
 * @param amount the amount, with no more decimals than the currency has (trailing zeros are added)
 * @param currency the currency
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

	public Money {
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(currency, "currency");
		int digits = currency.getDefaultFractionDigits();
		if (digits < 0) {
			throw new IllegalArgumentException(currency + " is not a currency with minor units");
		}
		try {
			amount = amount.setScale(digits, RoundingMode.UNNECESSARY);
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException(
					"%s has more decimals than %s allows (%d); round it first".formatted(amount.toPlainString(), currency,
							digits),
					ex);
		}
	}

	/** {@code Money.of("14.99", "EUR")}. */
	public static Money of(String amount, String currencyCode) {
		return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
	}

	public static Money of(BigDecimal amount, Currency currency) {
		return new Money(amount, currency);
	}

	/** {@code Money.euros("14.99")}. */
	public static Money euros(String amount) {
		return of(amount, "EUR");
	}

	/** The amount in minor units (cents): {@code 14.99 EUR} is 1499. */
	public long minorUnits() {
		return amount.movePointRight(currency.getDefaultFractionDigits()).longValueExact();
	}

	public boolean isNegative() {
		return amount.signum() < 0;
	}

	/**
	 * Orders amounts of the same currency.
	 *
	 * @throws IllegalArgumentException for amounts in different currencies, which have no order without a rate
	 */
	@Override
	public int compareTo(Money other) {
		if (!currency.equals(other.currency)) {
			throw new IllegalArgumentException("Cannot compare " + this + " with " + other);
		}
		return amount.compareTo(other.amount);
	}

	@Override
	public String toString() {
		return amount.toPlainString() + " " + currency.getCurrencyCode();
	}
}
