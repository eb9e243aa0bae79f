package com.retailflow.legacy.internal.translation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Currency;

import com.retailflow.catalog.Category;
import com.retailflow.kernel.Money;
import com.retailflow.catalog.Product;
import com.retailflow.catalog.ProductId;
import com.retailflow.catalog.ProductStatus;
import com.retailflow.inventory.Sku;

import org.jspecify.annotations.Nullable;

/**
 * The one place where legacy values become module values. Every path that moves legacy rows to the new side (backfill,
 * change stream, reconciliation, repair) translates through here, so they cannot disagree on what a legacy row means:
 * <ul>
 * <li>FLOAT price → exact money: the shortest decimal that reads back as the same float, rounded half-up to the
 * currency's minor unit (19.99 is stored as 19.9899997711…, and is 19.99);</li>
 * <li>TINYINT status → {@link ProductStatus}: 1 active, 2 hidden, 3 discontinued;</li>
 * <li>latin1 bytes → text: MariaDB's latin1 is Windows-1252, decoded strictly;</li>
 * <li>zone-less DATETIME → {@link Instant}, read as UTC (the legacy server's zone).</li>
 * </ul>
 * What has no faithful translation throws {@link UntranslatableRow} with the reason; nothing is guessed.
 */
public final class LegacyTranslation {

	/** MariaDB's {@code latin1} is Windows-1252; Java reports its five undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D). */
	private static final Charset LATIN1 = Charset.forName("windows-1252");

	/** {@code catalog.product.price} is NUMERIC(12, 2). */
	private static final BigDecimal PRICE_LIMIT = new BigDecimal("10000000000");

	private final Currency currency;

	public LegacyTranslation(Currency currency) {
		this.currency = currency;
	}

	/**
	 * A legacy FLOAT price as exact money.
	 *
	 * @throws UntranslatableRow for a negative, non-finite or too large price
	 */
	public Money money(float price) {
		if (Float.isNaN(price) || Float.isInfinite(price)) {
			throw new UntranslatableRow("price is " + price);
		}
		var amount = new BigDecimal(Float.toString(price)).setScale(currency.getDefaultFractionDigits(),
				RoundingMode.HALF_UP);
		if (amount.signum() < 0) {
			throw new UntranslatableRow("negative price " + amount.toPlainString());
		}
		if (amount.compareTo(PRICE_LIMIT) >= 0) {
			throw new UntranslatableRow("price " + amount.toPlainString() + " is beyond what the catalog stores");
		}
		return Money.of(amount, currency);
	}

	/**
	 * A legacy product status code as the enum.
	 *
	 * <p>A code the shop never defined is untranslatable rather than mapped to a guess. Legacy's pages treat such a
	 * product as "not hidden, not active": the product page answers but it is neither listed nor buyable. Hiding it
	 * would turn a page legacy serves into a 404, showing it would sell what legacy does not; a person decides.
	 *
	 * @throws UntranslatableRow for any code but 1, 2 and 3
	 */
	public static ProductStatus status(int code) {
		return switch (code) {
			case 1 -> ProductStatus.ACTIVE;
			case 2 -> ProductStatus.HIDDEN;
			case 3 -> ProductStatus.DISCONTINUED;
			default -> throw new UntranslatableRow("unknown status code " + code);
		};
	}

	/**
	 * Text from the raw bytes of a latin1 column.
	 *
	 * @throws UntranslatableRow for bytes Windows-1252 leaves undefined, and for control characters other than tab,
	 *         line feed and carriage return (no shop text contains them; they are damage, often UTF-8 or binary data
	 *         written through the wrong connection)
	 */
	public static String text(byte[] latin1) {
		String text;
		try {
			text = LATIN1.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(latin1))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new UntranslatableRow("text is not latin1: " + undefinedByte(latin1));
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
				throw new UntranslatableRow("text contains control character U+%04X at %d".formatted((int) c, i));
			}
		}
		return text;
	}

	/**
	 * A zone-less legacy DATETIME as an instant: the legacy server runs on UTC.
	 *
	 * @throws UntranslatableRow when there is no date (NULL, or MariaDB's zero date, which the driver reads as NULL)
	 */
	public static Instant instant(@Nullable LocalDateTime legacy) {
		if (legacy == null) {
			throw new UntranslatableRow("date is missing or zero");
		}
		return legacy.toInstant(ZoneOffset.UTC);
	}

	/** @throws UntranslatableRow if any value cannot be translated or the row breaks the category's rules */
	public Category category(LegacyCategory row) {
		try {
			return new Category(row.id(), row.parentId(), row.name(), row.slug());
		}
		catch (IllegalArgumentException ex) {
			throw new UntranslatableRow(ex.getMessage());
		}
	}

	/** @throws UntranslatableRow if any value cannot be translated or the row breaks the product's rules */
	public Product product(LegacyProduct row) {
		var price = money(row.price());
		var status = status(row.status());
		var name = text(row.name());
		var description = row.description() == null ? "" : text(row.description());
		var createdAt = instant(row.createdAt());
		try {
			return new Product(ProductId.of(row.id()), new Sku(row.sku()), row.categoryId(), name, description, price,
					status, createdAt);
		}
		catch (IllegalArgumentException ex) {
			throw new UntranslatableRow(ex.getMessage());
		}
	}

	/**
	 * A product's units on hand. No {@code stock} row and negative quantities (legacy's checkout can oversell under
	 * concurrency) both mean what legacy's pages show for them: out of stock, 0.
	 */
	public static StockLevel stock(LegacyStock row) {
		int qty = row.qty() == null ? 0 : row.qty();
		try {
			return new StockLevel(new Sku(row.sku()), Math.max(0, qty));
		}
		catch (IllegalArgumentException ex) {
			throw new UntranslatableRow(ex.getMessage());
		}
	}

	private static String undefinedByte(byte[] bytes) {
		for (int i = 0; i < bytes.length; i++) {
			int b = bytes[i] & 0xff;
			if (b == 0x81 || b == 0x8d || b == 0x8f || b == 0x90 || b == 0x9d) {
				return "byte 0x%02X at %d is undefined in latin1".formatted(b, i);
			}
		}
		return "undecodable bytes";
	}
}
