package com.retailflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;

import com.retailflow.inventory.Availability.Level;

/** What the catalog sees: availability per SKU and for many SKUs at once, always from one query. */
@ApplicationModuleTest(extraIncludes = "platform")
class AvailabilityIntegrationTests {

	private final InventoryManagement inventory;
	private final SqlStatements sql;

	AvailabilityIntegrationTests(InventoryManagement inventory, SqlStatements sql) {
		this.inventory = inventory;
		this.sql = sql;
	}

	@Test
	void levelsFollowStockOnHand() {
		Sku plenty = newSku(), few = newSku(), last = newSku(), none = newSku();

		assertThat(inventory.setStock(plenty, 100)).isEqualTo(new Availability(plenty, 100, Level.IN_STOCK));
		assertThat(inventory.setStock(few, 5)).isEqualTo(new Availability(few, 5, Level.LOW));
		assertThat(inventory.setStock(last, 1)).isEqualTo(new Availability(last, 1, Level.LOW));
		assertThat(inventory.setStock(none, 0)).isEqualTo(new Availability(none, 0, Level.OUT_OF_STOCK));

		assertThat(inventory.availabilityOf(plenty).level()).isEqualTo(Level.IN_STOCK);
		assertThat(inventory.availabilityOf(few).level()).isEqualTo(Level.LOW);
		assertThat(inventory.availabilityOf(last).level()).isEqualTo(Level.LOW);
		assertThat(inventory.availabilityOf(none).level()).isEqualTo(Level.OUT_OF_STOCK);
	}

	@Test
	void unknownSkusHaveNothingToSell() {
		Sku unknown = newSku();

		assertThat(inventory.availabilityOf(unknown)).isEqualTo(Availability.none(unknown));
		assertThat(inventory.availabilityOf(List.of(unknown))).containsExactly(Map.entry(unknown, Availability.none(unknown)));
	}

	@Test
	void reservedUnitsAreNotAvailable() {
		Sku sku = newSku();
		inventory.setStock(sku, 6);

		inventory.reserve(sku, 1);

		assertThat(inventory.availabilityOf(sku)).isEqualTo(new Availability(sku, 5, Level.LOW));
		inventory.reserve(sku, 5);
		assertThat(inventory.availabilityOf(sku)).isEqualTo(Availability.none(sku));
	}

	@Test
	void manySkusAnswerInTheOrderAskedWithUnknownOnesAsNone() {
		Sku a = newSku(), b = newSku(), unknown = newSku();
		inventory.setStock(a, 10);
		inventory.setStock(b, 2);

		var availability = inventory.availabilityOf(List.of(b, unknown, a, b));

		assertThat(availability).containsExactly(Map.entry(b, Availability.of(b, 2)),
				Map.entry(unknown, Availability.none(unknown)), Map.entry(a, Availability.of(a, 10)));
		assertThat(inventory.availabilityOf(List.of())).isEmpty();
	}

	@Test
	void hotPathReadsAreOneQueryEachHoweverManySkus() {
		List<Sku> skus = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			Sku sku = newSku();
			skus.add(sku);
			if (i % 2 == 0) {
				inventory.setStock(sku, i);
			}
		}

		assertThat(sql.count(() -> inventory.availabilityOf(skus.getFirst()))).isEqualTo(1);
		assertThat(sql.count(() -> assertThat(inventory.availabilityOf(skus)).hasSize(500)
			.containsEntry(skus.get(2), Availability.of(skus.get(2), 2))
			.containsEntry(skus.get(3), Availability.none(skus.get(3))))).isEqualTo(1);
	}

	@Test
	void settingStockAnnouncesOnlyChanges(AssertablePublishedEvents events) {
		Sku sku = newSku();

		inventory.setStock(sku, 0); // unknown → nothing: no change
		inventory.setStock(sku, 7);
		inventory.setStock(sku, 7);
		inventory.setStock(sku, 3);

		assertThat(events.ofType(StockChanged.class).matchingValue(StockChanged::sku, sku)).extracting(StockChanged::availability)
			.containsExactly(new Availability(sku, 7, Level.IN_STOCK), new Availability(sku, 3, Level.LOW));
	}

	static Sku newSku() {
		return new Sku("AV-" + UUID.randomUUID());
	}
}
