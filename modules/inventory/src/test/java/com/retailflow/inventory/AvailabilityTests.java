package com.retailflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

import com.retailflow.inventory.Availability.Level;

/** The shopper-facing levels, at their boundaries. */
class AvailabilityTests {

	static final Sku SKU = new Sku("SKU-1");

	@Test
	void nothingAvailableIsOutOfStock() {
		assertThat(Availability.of(SKU, 0).level()).isEqualTo(Level.OUT_OF_STOCK);
		assertThat(Availability.none(SKU)).isEqualTo(new Availability(SKU, 0, Level.OUT_OF_STOCK));
	}

	@Test
	void upToTheThresholdIsLow() {
		assertThat(Availability.of(SKU, 1).level()).isEqualTo(Level.LOW);
		assertThat(Availability.of(SKU, Availability.LOW_THRESHOLD).level()).isEqualTo(Level.LOW);
	}

	@Test
	void aboveTheThresholdIsInStock() {
		assertThat(Availability.of(SKU, Availability.LOW_THRESHOLD + 1).level()).isEqualTo(Level.IN_STOCK);
	}

	@Test
	void neverReportsNegativeUnits() {
		assertThat(Availability.of(SKU, -3)).isEqualTo(Availability.none(SKU));
	}

	@Test
	void skusAreOneTo64Characters() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Sku(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> new Sku("X".repeat(65)));
		assertThat(new Sku("X".repeat(64)).code()).hasSize(64);
	}
}
