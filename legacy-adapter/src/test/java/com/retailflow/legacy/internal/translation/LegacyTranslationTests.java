package com.retailflow.legacy.internal.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Currency;

import com.retailflow.catalog.ProductStatus;
import com.retailflow.inventory.Sku;

import org.junit.jupiter.api.Test;

/** Every legacy quirk, translated or refused with a reason. */
class LegacyTranslationTests {

	final LegacyTranslation usd = new LegacyTranslation(Currency.getInstance("USD"));

	static byte[] latin1(String text) {
		return text.getBytes(java.nio.charset.Charset.forName("windows-1252"));
	}

	@Test
	void floatPricesBecomeExactMoneyRoundedToCents() {
		// 19.99 as a FLOAT is 19.9899997711…; the shortest decimal that reads back as that float is 19.99.
		assertThat(usd.money(19.99f).amount()).isEqualByComparingTo("19.99").hasScaleOf(2);
		assertThat(usd.money(0.1f).amount()).isEqualByComparingTo("0.10");
		assertThat(usd.money(71f).amount()).isEqualByComparingTo("71.00");
		assertThat(usd.money(0f).amount()).isEqualByComparingTo("0.00");
		// A float keeps 7 significant digits: 1234567.89 is stored as 1234567.875 and reads back as 1234567.9.
		assertThat(usd.money(1234567.89f).amount()).isEqualByComparingTo("1234567.90");
		assertThat(usd.money(0.125f).amount()).as("half-up").isEqualByComparingTo("0.13");
		assertThat(usd.money(14.99f).currency()).isEqualTo(Currency.getInstance("USD"));
		assertThat(new LegacyTranslation(Currency.getInstance("JPY")).money(1500.4f).amount()).isEqualByComparingTo("1500");
	}

	@Test
	void negativeAndNonFinitePricesAreUntranslatable() {
		assertThatThrownBy(() -> usd.money(-0.01f)).isInstanceOf(UntranslatableRow.class)
			.hasMessage("negative price -0.01");
		assertThatThrownBy(() -> usd.money(Float.NaN)).isInstanceOf(UntranslatableRow.class).hasMessage("price is NaN");
		assertThatThrownBy(() -> usd.money(Float.POSITIVE_INFINITY)).isInstanceOf(UntranslatableRow.class);
		assertThatThrownBy(() -> usd.money(3e10f)).isInstanceOf(UntranslatableRow.class)
			.hasMessageContaining("beyond what the catalog stores");
		// Rounds to zero: a price, not a negative one.
		assertThat(usd.money(-0.001f).amount().signum()).isZero();
	}

	@Test
	void statusCodesBecomeTheEnumAndUnknownCodesAreRefused() {
		assertThat(LegacyTranslation.status(1)).isEqualTo(ProductStatus.ACTIVE);
		assertThat(LegacyTranslation.status(2)).isEqualTo(ProductStatus.HIDDEN);
		assertThat(LegacyTranslation.status(3)).isEqualTo(ProductStatus.DISCONTINUED);
		for (int unknown : new int[] { 0, 4, 77, -1 }) {
			assertThatThrownBy(() -> LegacyTranslation.status(unknown)).isInstanceOf(UntranslatableRow.class)
				.extracting(ex -> ((UntranslatableRow) ex).reason())
				.isEqualTo("unknown status code " + unknown);
		}
	}

	@Test
	void latin1BytesBecomeText() {
		assertThat(LegacyTranslation.text(latin1("Café Crème Brûlée, Jalapeño, Müsli, Açaí")))
			.isEqualTo("Café Crème Brûlée, Jalapeño, Müsli, Açaí");
		// MariaDB's latin1 is Windows-1252: 0x80 is the euro sign, not a C1 control.
		assertThat(LegacyTranslation.text(new byte[] { (byte) 0x80, '5' })).isEqualTo("€5");
		assertThat(LegacyTranslation.text("two\r\nlines\tand a tab".getBytes(StandardCharsets.US_ASCII)))
			.isEqualTo("two\r\nlines\tand a tab");
		assertThat(LegacyTranslation.text(new byte[0])).isEmpty();
	}

	@Test
	void bytesLatin1LeavesUndefinedAndControlCharactersAreUntranslatable() {
		assertThatThrownBy(() -> LegacyTranslation.text(new byte[] { 'C', 'a', (byte) 0x81 }))
			.isInstanceOf(UntranslatableRow.class)
			.hasMessage("text is not latin1: byte 0x81 at 2 is undefined in latin1");
		assertThatThrownBy(() -> LegacyTranslation.text(new byte[] { 'a', 0, 'b' })).isInstanceOf(UntranslatableRow.class)
			.hasMessage("text contains control character U+0000 at 1");
		assertThatThrownBy(() -> LegacyTranslation.text(new byte[] { 0x1b, '[' })).isInstanceOf(UntranslatableRow.class);
	}

	@Test
	void datetimesAreUtcAndMissingDatesAreRefused() {
		assertThat(LegacyTranslation.instant(LocalDateTime.of(2018, 3, 4, 5, 6, 7)))
			.isEqualTo(Instant.parse("2018-03-04T05:06:07Z"));
		assertThatThrownBy(() -> LegacyTranslation.instant(null)).isInstanceOf(UntranslatableRow.class)
			.hasMessage("date is missing or zero");
	}

	@Test
	void aProductRowTranslatesEveryColumn() {
		var product = usd.product(new LegacyProduct(42, "SKU-000042", 44, latin1("Café Crème"), null, 14.99f, 3,
				LocalDateTime.of(2018, 1, 2, 3, 4, 5)));
		assertThat(product.id().value()).isEqualTo(42);
		assertThat(product.sku()).isEqualTo(new Sku("SKU-000042"));
		assertThat(product.name()).isEqualTo("Café Crème");
		assertThat(product.description()).as("NULL description").isEmpty();
		assertThat(product.price().amount()).isEqualByComparingTo("14.99");
		assertThat(product.status()).isEqualTo(ProductStatus.DISCONTINUED);
		assertThat(product.createdAt()).isEqualTo(Instant.parse("2018-01-02T03:04:05Z"));
	}

	@Test
	void aProductRowThatBreaksTheCatalogsRulesIsUntranslatableWithTheReason() {
		var created = LocalDateTime.of(2018, 1, 2, 3, 4, 5);
		assertThatThrownBy(() -> usd.product(new LegacyProduct(7, "SKU-7", 1, latin1("  "), null, 1f, 1, created)))
			.isInstanceOf(UntranslatableRow.class)
			.hasMessage("Product 7 has no name");
		assertThatThrownBy(() -> usd.product(new LegacyProduct(7, "SKU-7", 0, latin1("Tea"), null, 1f, 1, created)))
			.isInstanceOf(UntranslatableRow.class)
			.hasMessageContaining("no valid category");
		assertThatThrownBy(() -> usd.product(new LegacyProduct(7, "SKU-7", 1, latin1("Tea"), null, -5f, 1, created)))
			.isInstanceOf(UntranslatableRow.class)
			.hasMessage("negative price -5.00");
		assertThatThrownBy(() -> usd.product(new LegacyProduct(7, "SKU-7", 1, latin1("Tea"), null, 5f, 9, created)))
			.isInstanceOf(UntranslatableRow.class)
			.hasMessage("unknown status code 9");
	}

	@Test
	void categoriesWithSlugsThatAreNotUrlSafeAreUntranslatable() {
		assertThat(usd.category(new LegacyCategory(9, 1L, "Coffee & Tea", "coffee-and-tea")).slug())
			.isEqualTo("coffee-and-tea");
		assertThatThrownBy(() -> usd.category(new LegacyCategory(9, 1L, "Coffee & Tea", "coffee & tea")))
			.isInstanceOf(UntranslatableRow.class)
			.hasMessageContaining("not URL-safe");
		assertThatThrownBy(() -> usd.category(new LegacyCategory(9, 9L, "Loop", "loop")))
			.isInstanceOf(UntranslatableRow.class);
	}

	@Test
	void missingAndNegativeStockIsOutOfStock() {
		assertThat(LegacyTranslation.stock(new LegacyStock(1, "SKU-000001", 250)))
			.isEqualTo(new StockLevel(new Sku("SKU-000001"), 250));
		assertThat(LegacyTranslation.stock(new LegacyStock(2, "SKU-000002", null)).onHand()).isZero();
		assertThat(LegacyTranslation.stock(new LegacyStock(3, "SKU-000003", -2)).onHand()).isZero();
	}
}
