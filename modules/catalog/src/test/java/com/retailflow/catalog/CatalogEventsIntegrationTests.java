package com.retailflow.catalog;

import com.retailflow.kernel.Money;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.core.EventSerializer;

/**
 * The catalog's events survive Spring Modulith's event publication registry: what another module's
 * {@code @ApplicationModuleListener} receives after a restart is what was published.
 */
@CatalogModuleTest
class CatalogEventsIntegrationTests {

	@Autowired
	EventSerializer serializer;

	@Test
	void eventsRoundTripThroughTheRegistrysSerializer() {
		var id = ProductId.of(42);
		for (Object event : List.of(new ProductChanged(id),
				new PriceChanged(id, Money.euros("14.99"), Money.euros("12.50")),
				new CatalogImported(CatalogImported.Kind.PRODUCTS, 5_000, 12))) {
			Object serialized = serializer.serialize(event);

			assertThat(serializer.deserialize(serialized, event.getClass())).as(serialized.toString()).isEqualTo(event);
		}
	}
}
