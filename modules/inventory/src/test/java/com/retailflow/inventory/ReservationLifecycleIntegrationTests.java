package com.retailflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;

/**
 * Reserve, confirm, release and expire one reservation at a time: what each step does to stock, which events it
 * publishes, that retries are harmless and that steps out of order are refused without changing anything.
 */
@ApplicationModuleTest(extraIncludes = "platform")
class ReservationLifecycleIntegrationTests {

	static final Duration TTL = Duration.ofMinutes(15); // the default retailflow.inventory.reservation-ttl

	private final InventoryManagement inventory;
	private final TestClock clock;
	private final JdbcClient jdbc;
	private final RecordedEvents committed;

	ReservationLifecycleIntegrationTests(InventoryManagement inventory, TestClock clock, JdbcClient jdbc,
			RecordedEvents committed) {
		this.inventory = inventory;
		this.clock = clock;
		this.jdbc = jdbc;
		this.committed = committed;
	}

	@Test
	void reservingHoldsUnitsUntilTheTtlAndAnnouncesIt(AssertablePublishedEvents events) {
		Sku sku = stocked(10);

		var reservation = inventory.reserve(sku, 3);

		assertThat(reservation.sku()).isEqualTo(sku);
		assertThat(reservation.quantity()).isEqualTo(3);
		assertThat(reservation.expiresAt()).isEqualTo(clock.instant().plus(TTL));
		assertThat(stock(sku)).isEqualTo(new Stock(10, 3));
		assertThat(status(reservation.id())).isEqualTo("OPEN");
		assertThat(inventory.availabilityOf(sku)).isEqualTo(Availability.of(sku, 7));
		assertThat(events).contains(StockReserved.class)
			.matching(e -> e.equals(new StockReserved(reservation.id(), sku, 3, reservation.expiresAt())));
		assertThat(events).contains(StockChanged.class).matching(e -> e.equals(new StockChanged(sku, Availability.of(sku, 7))));
	}

	@Test
	void reservingMoreThanAvailableFailsAndChangesNothing(AssertablePublishedEvents events) {
		Sku sku = stocked(5);
		inventory.reserve(sku, 4);

		assertThatExceptionOfType(InsufficientStock.class).isThrownBy(() -> inventory.reserve(sku, 2))
			.satisfies(e -> {
				assertThat(e.sku()).isEqualTo(sku);
				assertThat(e.requested()).isEqualTo(2);
				assertThat(e.available()).isEqualTo(1);
			});

		assertThat(stock(sku)).isEqualTo(new Stock(5, 4));
		assertThat(openReservations(sku)).isEqualTo(1);
		assertThat(events.ofType(StockReserved.class)).hasSize(1);
	}

	@Test
	void unknownSkusCannotBeReserved() {
		Sku unknown = new Sku("LC-" + UUID.randomUUID());

		assertThatExceptionOfType(InsufficientStock.class).isThrownBy(() -> inventory.reserve(unknown, 1))
			.satisfies(e -> assertThat(e.available()).isZero());
	}

	@Test
	void quantitiesMustBePositive() {
		Sku sku = stocked(5);

		assertThatIllegalArgumentException().isThrownBy(() -> inventory.reserve(sku, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> inventory.reserve(sku, -1));
		assertThat(stock(sku)).isEqualTo(new Stock(5, 0));
	}

	@Test
	void confirmingShipsTheUnitsOnceHoweverOftenRetried(AssertablePublishedEvents events) {
		Sku sku = stocked(10);
		var reservation = inventory.reserve(sku, 3);

		inventory.confirm(reservation.id());
		inventory.confirm(reservation.id());

		assertThat(stock(sku)).isEqualTo(new Stock(7, 0));
		assertThat(status(reservation.id())).isEqualTo("CONFIRMED");
		assertThat(inventory.availabilityOf(sku)).isEqualTo(Availability.of(sku, 7));
		assertThat(events.ofType(ReservationConfirmed.class)).containsExactly(new ReservationConfirmed(reservation.id(), sku, 3));
		// Availability was 7 before and after the confirmation: only the reservation announced a change.
		assertThat(events.ofType(StockChanged.class)).hasSize(2);
	}

	@Test
	void releasingGivesTheUnitsBackOnceHoweverOftenRetried(AssertablePublishedEvents events) {
		Sku sku = stocked(10);
		var reservation = inventory.reserve(sku, 3);

		inventory.release(reservation.id());
		inventory.release(reservation.id());

		assertThat(stock(sku)).isEqualTo(new Stock(10, 0));
		assertThat(status(reservation.id())).isEqualTo("RELEASED");
		assertThat(events.ofType(ReservationReleased.class)).containsExactly(new ReservationReleased(reservation.id(), sku, 3));
		assertThat(events.ofType(StockChanged.class)).extracting(StockChanged::availability)
			.containsExactly(Availability.of(sku, 10), Availability.of(sku, 7), Availability.of(sku, 10));
	}

	@Test
	void aReleasedReservationCannotBeConfirmed() {
		Sku sku = stocked(10);
		var reservation = inventory.reserve(sku, 3);
		inventory.release(reservation.id());

		assertThatExceptionOfType(ReservationNotOpen.class).isThrownBy(() -> inventory.confirm(reservation.id()))
			.satisfies(e -> assertThat(e.status()).isEqualTo(ReservationStatus.RELEASED))
			.satisfies(e -> assertThat(e.reservation()).isEqualTo(reservation.id()));
		assertThat(stock(sku)).isEqualTo(new Stock(10, 0));
	}

	@Test
	void aConfirmedReservationCannotBeReleased() {
		Sku sku = stocked(10);
		var reservation = inventory.reserve(sku, 3);
		inventory.confirm(reservation.id());

		assertThatExceptionOfType(ReservationNotOpen.class).isThrownBy(() -> inventory.release(reservation.id()))
			.satisfies(e -> assertThat(e.status()).isEqualTo(ReservationStatus.CONFIRMED));
		assertThat(stock(sku)).isEqualTo(new Stock(7, 0));
	}

	@Test
	void anExpiredReservationCannotBeConfirmedAndReleasingItIsANoOp() {
		Sku sku = stocked(10);
		var reservation = inventory.reserve(sku, 3);
		clock.advance(TTL);
		inventory.expireOverdue();
		assertThat(status(reservation.id())).isEqualTo("EXPIRED");

		assertThatExceptionOfType(ReservationNotOpen.class).isThrownBy(() -> inventory.confirm(reservation.id()))
			.satisfies(e -> assertThat(e.status()).isEqualTo(ReservationStatus.EXPIRED));
		inventory.release(reservation.id());

		assertThat(status(reservation.id())).isEqualTo("EXPIRED");
		assertThat(stock(sku)).isEqualTo(new Stock(10, 0));
	}

	@Test
	void aReservationPastItsExpiryCannotBeConfirmedEvenBeforeTheJobRan() {
		Sku sku = stocked(10);
		var reservation = inventory.reserve(sku, 3);
		clock.advance(TTL.minusSeconds(1));
		var stillOpen = inventory.reserve(sku, 1);
		clock.advance(Duration.ofSeconds(1));

		assertThatExceptionOfType(ReservationNotOpen.class).isThrownBy(() -> inventory.confirm(reservation.id()))
			.satisfies(e -> assertThat(e.status()).isEqualTo(ReservationStatus.EXPIRED));
		inventory.confirm(stillOpen.id());

		assertThat(status(reservation.id())).isEqualTo("OPEN"); // the job will expire it
		assertThat(stock(sku)).isEqualTo(new Stock(9, 3));
	}

	@Test
	void unknownReservationsAreReported() {
		var unknown = ReservationId.random();

		assertThatExceptionOfType(UnknownReservation.class).isThrownBy(() -> inventory.confirm(unknown))
			.satisfies(e -> assertThat(e.reservation()).isEqualTo(unknown));
		assertThatExceptionOfType(UnknownReservation.class).isThrownBy(() -> inventory.release(unknown));
	}

	@Test
	void stockCannotBeSetNegativeNorBelowWhatIsReserved() {
		Sku sku = stocked(10);
		inventory.reserve(sku, 4);

		assertThatIllegalArgumentException().isThrownBy(() -> inventory.setStock(sku, -1));
		assertThatExceptionOfType(StockBelowReserved.class).isThrownBy(() -> inventory.setStock(sku, 3))
			.satisfies(e -> assertThat(e.reserved()).isEqualTo(4));
		assertThat(stock(sku)).isEqualTo(new Stock(10, 4));

		assertThat(inventory.setStock(sku, 4)).isEqualTo(Availability.none(sku));
		assertThat(stock(sku)).isEqualTo(new Stock(4, 4));
	}

	@Test
	void theDatabaseRefusesOversoldOrNegativeStockWhatever(/* the last line of defence */) {
		Sku sku = stocked(2);
		inventory.reserve(sku, 2);

		for (String update : new String[] { "reserved = 3", "on_hand = 1", "on_hand = -1, reserved = 0",
				"reserved = -1" }) {
			assertThatExceptionOfType(DataIntegrityViolationException.class).as(update)
				.isThrownBy(() -> jdbc.sql("UPDATE inventory.stock SET " + update + " WHERE sku = ?").param(sku.code()).update());
		}
		assertThat(stock(sku)).isEqualTo(new Stock(2, 2));
	}

	@Test
	void eventsGoThroughTheEventPublicationRegistryToAsynchronousListeners() {
		Sku sku = stocked(10);

		var reservation = inventory.reserve(sku, 1);

		// RecordedEvents listens like another module would (@ApplicationModuleListener): the reserving transaction
		// stored a publication for it, and the listener receives the event after commit, on another thread.
		assertThat(new EventPublications(jdbc).count(StockReserved.class, reservation.id().toString())).isEqualTo(1);
		assertThat(committed.await(StockReserved.class, events -> events.stream().anyMatch(e -> e.reservation().equals(reservation.id()))))
			.contains(new StockReserved(reservation.id(), sku, 1, reservation.expiresAt()));
		new EventPublications(jdbc).awaitAllCompleted();
	}

	@Test
	void aFailedReservationPublishesNothing() {
		Sku sku = stocked(1);
		var publications = new EventPublications(jdbc);

		assertThatExceptionOfType(InsufficientStock.class).isThrownBy(() -> inventory.reserve(sku, 2));

		assertThat(publications.count(StockReserved.class, sku.code())).isZero();
		assertThat(publications.count(StockChanged.class, sku.code())).as("only setStock's").isEqualTo(1);
	}

	private Sku stocked(int onHand) {
		Sku sku = new Sku("LC-" + UUID.randomUUID());
		inventory.setStock(sku, onHand);
		return sku;
	}

	record Stock(int onHand, int reserved) {
	}

	private Stock stock(Sku sku) {
		return jdbc.sql("SELECT on_hand, reserved FROM inventory.stock WHERE sku = ?")
			.param(sku.code())
			.query((rs, row) -> new Stock(rs.getInt("on_hand"), rs.getInt("reserved")))
			.single();
	}

	private String status(ReservationId id) {
		return jdbc.sql("SELECT status FROM inventory.reservation WHERE id = ?").param(id.id()).query(String.class).single();
	}

	private int openReservations(Sku sku) {
		return jdbc.sql("SELECT count(*) FROM inventory.reservation WHERE sku = ? AND status = 'OPEN'")
			.param(sku.code())
			.query(Integer.class)
			.single();
	}
}
