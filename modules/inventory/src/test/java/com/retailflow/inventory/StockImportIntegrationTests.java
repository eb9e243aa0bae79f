package com.retailflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;

/** Backfills: many SKUs upserted in bulk, announced by one event instead of one per SKU. */
@ApplicationModuleTest(extraIncludes = "platform")
class StockImportIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(StockImportIntegrationTests.class);

	private final InventoryManagement inventory;
	private final JdbcClient jdbc;
	private final SqlStatements sql;

	StockImportIntegrationTests(InventoryManagement inventory, JdbcClient jdbc, SqlStatements sql) {
		this.inventory = inventory;
		this.jdbc = jdbc;
		this.sql = sql;
	}

	@Test
	void importsTenThousandSkusInAFewStatementsWithOneEvent(AssertablePublishedEvents events) {
		String batch = "IM-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		var random = new Random(42);
		Map<Sku, Integer> levels = new LinkedHashMap<>();
		for (int i = 0; i < 10_000; i++) {
			levels.put(new Sku(batch + i), random.nextInt(0, 50));
		}

		long began = System.nanoTime();
		int[] imported = new int[1];
		int statements = sql.count(() -> imported[0] = inventory.importStock(levels));
		long millis = (System.nanoTime() - began) / 1_000_000;

		assertThat(imported[0]).isEqualTo(10_000);
		assertThat(statements).as("one statement per 10,000 SKUs, not one per SKU").isLessThanOrEqualTo(5);
		assertThat(jdbc.sql("SELECT count(*) FROM inventory.stock WHERE sku LIKE ?").param(batch + "%").query(Integer.class).single())
			.isEqualTo(10_000);
		var sample = levels.keySet().stream().filter(sku -> random.nextInt(100) == 0).toList();
		assertThat(sample).hasSizeGreaterThan(50);
		assertThat(inventory.availabilityOf(sample))
			.allSatisfy((sku, availability) -> assertThat(availability).isEqualTo(Availability.of(sku, levels.get(sku))));
		assertThat(events.ofType(StockImported.class)).containsExactly(new StockImported(10_000));
		assertThat(events.ofType(StockChanged.class)).isEmpty();
		log.info("Imported 10,000 SKUs in {} ms with {} statements", millis, statements);
	}

	@Test
	void reimportingUpdatesLevelsAndKeepsReservations() {
		Sku reservedSku = newSku(), plainSku = newSku();
		inventory.importStock(Map.of(reservedSku, 10, plainSku, 10));
		inventory.reserve(reservedSku, 4);

		assertThat(inventory.importStock(Map.of(reservedSku, 20, plainSku, 3))).isEqualTo(2);

		assertThat(inventory.availabilityOf(List.of(reservedSku, plainSku)))
			.containsEntry(reservedSku, Availability.of(reservedSku, 16))
			.containsEntry(plainSku, Availability.of(plainSku, 3));
	}

	@Test
	void skusWhoseReservationsHoldMoreThanTheImportedLevelAreSkipped(AssertablePublishedEvents events) {
		Sku reservedSku = newSku(), plainSku = newSku();
		inventory.importStock(Map.of(reservedSku, 10, plainSku, 10));
		inventory.reserve(reservedSku, 4);

		assertThat(inventory.importStock(Map.of(reservedSku, 3, plainSku, 5))).isEqualTo(1);

		assertThat(inventory.availabilityOf(List.of(reservedSku, plainSku)))
			.containsEntry(reservedSku, Availability.of(reservedSku, 6))
			.containsEntry(plainSku, Availability.of(plainSku, 5));
		assertThat(events.ofType(StockImported.class)).containsExactly(new StockImported(2), new StockImported(1));
	}

	@Test
	void aNegativeLevelRejectsTheWholeImport() {
		Sku good = newSku(), bad = newSku();
		Map<Sku, Integer> levels = new HashMap<>(Map.of(good, 5, bad, -1));

		assertThatIllegalArgumentException().isThrownBy(() -> inventory.importStock(levels));

		assertThat(inventory.availabilityOf(good)).isEqualTo(Availability.none(good));
	}

	@Test
	void anEmptyImportDoesNothing(AssertablePublishedEvents events) {
		assertThat(inventory.importStock(Map.of())).isZero();
		assertThat(events.ofType(StockImported.class)).isEmpty();
	}

	private static Sku newSku() {
		return new Sku("IM-" + UUID.randomUUID());
	}
}
