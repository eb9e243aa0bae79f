package com.retailflow.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Money is exact: the currency's decimals, no rounding behind anybody's back. */
class MoneyTests {

	@Test
	void normalisesToTheCurrencysDecimals() {
		assertThat(Money.euros("15")).isEqualTo(Money.euros("15.00"));
		assertThat(Money.euros("15.5").amount()).isEqualByComparingTo("15.50").hasToString("15.50");
		assertThat(Money.euros("14.99").minorUnits()).isEqualTo(1499);
		assertThat(Money.euros("14.99")).hasToString("14.99 EUR");
	}

	@Test
	void refusesMoreDecimalsThanTheCurrencyHas() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.euros("14.999"))
			.withMessageContaining("more decimals than EUR");
		// what a legacy FLOAT column turns into when read naively
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of(new BigDecimal(14.99f), java.util.Currency
			.getInstance("EUR")));
	}

	@Test
	void comparesWithinOneCurrencyOnly() {
		assertThat(Money.euros("2.00")).isGreaterThan(Money.euros("1.99"));
		assertThatIllegalArgumentException().isThrownBy(() -> Money.euros("1.00").compareTo(Money.of("1.00", "USD")));
	}
}
