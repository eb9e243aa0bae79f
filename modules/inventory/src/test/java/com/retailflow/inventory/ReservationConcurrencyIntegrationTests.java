package com.retailflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;

/**
 * The no-oversell proof: hundreds of real threads, each call in its own transaction, released at once against limited
 * stock on a real PostgreSQL. Nothing here relies on timing; the assertions hold for every interleaving.
 */
@ApplicationModuleTest(extraIncludes = "platform")
class ReservationConcurrencyIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(ReservationConcurrencyIntegrationTests.class);

	private final InventoryManagement inventory;
	private final JdbcClient jdbc;

	ReservationConcurrencyIntegrationTests(InventoryManagement inventory, JdbcClient jdbc) {
		this.inventory = inventory;
		this.jdbc = jdbc;
	}

	@Test
	void twoHundredShoppersForFiftyUnitsExactlyFiftyGetOne() throws Exception {
		Sku sku = stocked(50);

		var outcomes = race(200, () -> inventory.reserve(sku, 1));

		assertThat(outcomes.unexpected).isEmpty();
		assertThat(outcomes.succeeded).hasSize(50);
		assertThat(outcomes.insufficient).hasSize(150)
			.allSatisfy(e -> assertThat(e.available()).isZero())
			.allSatisfy(e -> assertThat(e.requested()).isEqualTo(1));
		assertThat(stock(sku)).isEqualTo(new Stock(50, 50));
		assertThat(openReservations(sku)).isEqualTo(new Open(50, 50));
		assertThat(inventory.availabilityOf(sku)).isEqualTo(Availability.none(sku));
		assertThat(new EventPublications(jdbc).count(StockReserved.class, sku.code())).as("committed StockReserved").isEqualTo(50);
		log.info("200 concurrent reservations of 1 against 50 units: {} ms", outcomes.elapsed.toMillis());
	}

	@Test
	void competingForMixedQuantitiesNeverReservesMoreThanOnHand() throws Exception {
		Sku sku = stocked(100);

		var outcomes = race(300, () -> inventory.reserve(sku, ThreadLocalRandom.current().nextInt(1, 4)));

		int reserved = outcomes.succeeded.stream().mapToInt(Reservation::quantity).sum();
		assertThat(outcomes.unexpected).isEmpty();
		assertThat(reserved).isLessThanOrEqualTo(100);
		assertThat(stock(sku)).isEqualTo(new Stock(100, reserved));
		assertThat(openReservations(sku)).isEqualTo(new Open(outcomes.succeeded.size(), reserved));
		// Availability only went down, so each refusal was right when made, and is still right now.
		assertThat(outcomes.insufficient).isNotEmpty().allSatisfy(e -> assertThat(e.requested()).isGreaterThan(100 - reserved));
		log.info("300 concurrent reservations of 1-3 against 100 units: {} reserved, {} refused, {} ms", reserved,
				outcomes.insufficient.size(), outcomes.elapsed.toMillis());
	}

	@Test
	void reservingConfirmingReleasingAndRestockingAtOnceKeepEveryInvariant() throws Exception {
		Sku sku = stocked(60);
		var confirmedUnits = new AtomicInteger();

		var outcomes = race(400, () -> {
			var random = ThreadLocalRandom.current();
			var reservation = inventory.reserve(sku, random.nextInt(1, 3));
			if (random.nextBoolean()) {
				inventory.confirm(reservation.id());
				inventory.confirm(reservation.id()); // a retry must not ship twice
				confirmedUnits.addAndGet(reservation.quantity());
			}
			else {
				inventory.release(reservation.id());
				inventory.release(reservation.id());
			}
			return reservation;
		});

		assertThat(outcomes.unexpected).isEmpty();
		assertThat(outcomes.succeeded).isNotEmpty();
		assertThat(stock(sku)).isEqualTo(new Stock(60 - confirmedUnits.get(), 0));
		assertThat(openReservations(sku)).isEqualTo(new Open(0, 0));
		log.info("400 concurrent reserve+confirm/release rounds against 60 units: {} completed, {} refused, {} units shipped, {} ms",
				outcomes.succeeded.size(), outcomes.insufficient.size(), confirmedUnits.get(), outcomes.elapsed.toMillis());
	}

	/** What a race produced: successes, refusals for lack of stock, and anything else (which should never happen). */
	record Outcomes(Queue<Reservation> succeeded, Queue<InsufficientStock> insufficient, Queue<Throwable> unexpected,
			Duration elapsed) {
	}

	/** Runs {@code task} on {@code threads} virtual threads released together by a latch and waits for all of them. */
	private static Outcomes race(int threads, Callable<Reservation> task) throws Exception {
		var outcomes = new Outcomes(new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>(),
				new ConcurrentLinkedQueue<>(), Duration.ZERO);
		var ready = new CountDownLatch(threads);
		var start = new CountDownLatch(1);
		List<Future<?>> futures = new ArrayList<>(threads);
		long began;
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < threads; i++) {
				futures.add(executor.submit(() -> {
					ready.countDown();
					start.await();
					try {
						outcomes.succeeded.add(task.call());
					}
					catch (InsufficientStock ex) {
						outcomes.insufficient.add(ex);
					}
					catch (Exception | Error ex) {
						outcomes.unexpected.add(ex);
					}
					return null;
				}));
			}
			assertThat(ready.await(30, TimeUnit.SECONDS)).as("all threads ready").isTrue();
			began = System.nanoTime();
			start.countDown();
			for (var future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		var elapsed = Duration.ofNanos(System.nanoTime() - began);
		assertThat(outcomes.succeeded.size() + outcomes.insufficient.size() + outcomes.unexpected.size()).isEqualTo(threads);
		return new Outcomes(outcomes.succeeded, outcomes.insufficient, outcomes.unexpected, elapsed);
	}

	private Sku stocked(int onHand) {
		Sku sku = new Sku("CC-" + UUID.randomUUID());
		inventory.setStock(sku, onHand);
		return sku;
	}

	record Stock(int onHand, int reserved) {
	}

	record Open(int reservations, int units) {
	}

	private Stock stock(Sku sku) {
		return jdbc.sql("SELECT on_hand, reserved FROM inventory.stock WHERE sku = ?")
			.param(sku.code())
			.query((rs, row) -> new Stock(rs.getInt("on_hand"), rs.getInt("reserved")))
			.single();
	}

	private Open openReservations(Sku sku) {
		return jdbc.sql("SELECT count(*), coalesce(sum(quantity), 0) FROM inventory.reservation WHERE sku = ? AND status = 'OPEN'")
			.param(sku.code())
			.query((rs, row) -> new Open(rs.getInt(1), rs.getInt(2)))
			.single();
	}
}
