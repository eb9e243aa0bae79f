package com.retailflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;

/**
 * Reservations lapse after the TTL, exactly once, however many instances run the expiry job at the same moment.
 *
 * <p>A tiny batch size makes every run take many transactions, so concurrent runs interleave batch by batch. The
 * property also gives this class its own context and therefore its own database: the counts below are exact.
 */
@ApplicationModuleTest(extraIncludes = "platform")
@TestPropertySource(properties = "retailflow.inventory.expiry.batch-size=7")
class ReservationExpiryIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(ReservationExpiryIntegrationTests.class);

	static final Duration TTL = Duration.ofMinutes(15);

	private final InventoryManagement inventory;
	private final TestClock clock;
	private final JdbcClient jdbc;
	private final RecordedEvents committed;

	ReservationExpiryIntegrationTests(InventoryManagement inventory, TestClock clock, JdbcClient jdbc,
			RecordedEvents committed) {
		this.inventory = inventory;
		this.clock = clock;
		this.jdbc = jdbc;
		this.committed = committed;
	}

	@Test
	void reservationsExpireAtTheirTtlNotBefore(Scenario scenario) {
		Sku sku = stocked(10);
		var reservation = inventory.reserve(sku, 4);

		clock.advance(TTL.minusSeconds(1));
		assertThat(inventory.expireOverdue()).isZero();
		assertThat(status(reservation.id())).isEqualTo("OPEN");

		clock.advance(Duration.ofSeconds(1));
		scenario.stimulate(() -> inventory.expireOverdue())
			.andWaitForEventOfType(ReservationExpired.class)
			.matchingMappedValue(ReservationExpired::reservation, reservation.id())
			.toArriveAndVerify((event, expired) -> {
				assertThat(expired).isEqualTo(1);
				assertThat(event).isEqualTo(new ReservationExpired(reservation.id(), sku, 4, reservation.expiresAt()));
			});

		assertThat(status(reservation.id())).isEqualTo("EXPIRED");
		assertThat(reserved(sku)).isZero();
		assertThat(inventory.availabilityOf(sku)).isEqualTo(Availability.of(sku, 10));
		assertThat(committed.await(StockChanged.class, events -> events.contains(new StockChanged(sku, Availability.of(sku, 10)))))
			.as("delivered to listeners after commit")
			.isNotEmpty();
		assertThat(inventory.expireOverdue()).as("nothing left to expire").isZero();
	}

	@Test
	void aBacklogIsWorkedOffInBatches() {
		Sku first = stocked(100), second = stocked(100);
		List<ReservationId> ids = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			ids.add(inventory.reserve(i % 2 == 0 ? first : second, 1 + i % 3).id());
		}
		clock.advance(TTL);

		assertThat(inventory.expireOverdue()).isEqualTo(30); // 5 batches of 7, the last one short

		assertThat(ids).allSatisfy(id -> assertThat(status(id)).isEqualTo("EXPIRED"));
		assertThat(reserved(first)).isZero();
		assertThat(reserved(second)).isZero();
	}

	@RepeatedTest(3)
	void concurrentRunsExpireEachReservationExactlyOnce() throws Exception {
		List<Sku> skus = List.of(stocked(1_000), stocked(1_000), stocked(1_000), stocked(1_000), stocked(1_000));
		Set<ReservationId> ids = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			ids.add(inventory.reserve(skus.get(i % skus.size()), 1 + i % 4).id());
		}
		clock.advance(TTL);
		var publications = new EventPublications(jdbc);
		int publishedBefore = publications.count(ReservationExpired.class);

		int instances = 4;
		var start = new CountDownLatch(1);
		List<Future<Integer>> runs = new ArrayList<>();
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < instances; i++) {
				runs.add(executor.submit(() -> {
					start.await();
					return inventory.expireOverdue();
				}));
			}
			start.countDown();
			List<Integer> perRun = new ArrayList<>();
			for (var run : runs) {
				perRun.add(run.get(60, TimeUnit.SECONDS));
			}
			assertThat(perRun.stream().mapToInt(Integer::intValue).sum()).as("expired by all runs together").isEqualTo(200);
			log.info("{} concurrent expiry runs over 200 overdue reservations expired {}", instances, perRun);
		}

		// Committed ReservationExpired events, counted in the registry (one row per event and listener; one listener).
		assertThat(publications.count(ReservationExpired.class) - publishedBefore).isEqualTo(200);
		publications.awaitAllCompleted();
		var delivered = committed.ofType(ReservationExpired.class)
			.stream()
			.map(ReservationExpired::reservation)
			.filter(ids::contains)
			.toList();
		assertThat(delivered).as("one ReservationExpired per reservation").hasSize(200).doesNotHaveDuplicates();
		assertThat(ids).allSatisfy(id -> assertThat(status(id)).isEqualTo("EXPIRED"));
		assertThat(skus).allSatisfy(sku -> {
			assertThat(reserved(sku)).isZero();
			assertThat(inventory.availabilityOf(sku)).isEqualTo(Availability.of(sku, 1_000));
		});
	}

	private Sku stocked(int onHand) {
		Sku sku = new Sku("EX-" + UUID.randomUUID());
		inventory.setStock(sku, onHand);
		return sku;
	}

	private String status(ReservationId id) {
		return jdbc.sql("SELECT status FROM inventory.reservation WHERE id = ?").param(id.id()).query(String.class).single();
	}

	private int reserved(Sku sku) {
		return jdbc.sql("SELECT reserved FROM inventory.stock WHERE sku = ?").param(sku.code()).query(Integer.class).single();
	}
}
