package com.retailflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;

/** The scheduled job is wired to the settings: it expires reservations on its own, after the configured TTL. */
@ApplicationModuleTest(extraIncludes = "platform")
@TestPropertySource(properties = { "retailflow.inventory.expiry.enabled=true", "retailflow.inventory.expiry.interval=50ms",
		"retailflow.inventory.reservation-ttl=2m" })
class ReservationExpiryJobIntegrationTests {

	private final InventoryManagement inventory;
	private final TestClock clock;
	private final JdbcClient jdbc;

	ReservationExpiryJobIntegrationTests(InventoryManagement inventory, TestClock clock, JdbcClient jdbc) {
		this.inventory = inventory;
		this.clock = clock;
		this.jdbc = jdbc;
	}

	@Test
	void theJobExpiresReservationsOnceTheConfiguredTtlHasPassed() {
		Sku sku = new Sku("JOB-" + UUID.randomUUID());
		inventory.setStock(sku, 5);

		var reservation = inventory.reserve(sku, 2);
		assertThat(reservation.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));

		clock.advance(Duration.ofMinutes(2));

		// The job runs every 50 ms on the scheduler's thread; wait for its effect, polling, instead of sleeping.
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> jdbc.sql("SELECT status FROM inventory.reservation WHERE id = ?")
				.param(reservation.id().id())
				.query(String.class)
				.single(), "EXPIRED"::equals);
		assertThat(inventory.availabilityOf(sku)).isEqualTo(Availability.of(sku, 5));
	}
}
