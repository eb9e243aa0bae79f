package com.retailflow.inventory.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.retailflow.inventory.Availability;
import com.retailflow.inventory.InsufficientStock;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.inventory.RangeChecksum;
import com.retailflow.inventory.Reservation;
import com.retailflow.inventory.ReservationConfirmed;
import com.retailflow.inventory.ReservationExpired;
import com.retailflow.inventory.ReservationId;
import com.retailflow.inventory.ReservationNotOpen;
import com.retailflow.inventory.ReservationReleased;
import com.retailflow.inventory.ReservationRestocked;
import com.retailflow.inventory.ReservationStatus;
import com.retailflow.inventory.Sku;
import com.retailflow.inventory.StockBelowReserved;
import com.retailflow.inventory.StockChanged;
import com.retailflow.inventory.StockImported;
import com.retailflow.inventory.StockReserved;
import com.retailflow.inventory.UnknownReservation;


/**
 * The inventory module's implementation of {@link InventoryManagement}: the facade orchestrates, {@link StockLevels},
 * {@link Reservations} and {@link ReservationExpiry} hold the SQL.
 *
 * <p>Overselling is prevented by the database, not by this class: a reservation is one conditional
 * {@code UPDATE ... WHERE on_hand - reserved >= quantity} on the SKU's row, and CHECK constraints refuse any state with
 * negative stock or more reserved than on hand.
 */
@Service
class InventoryService implements InventoryManagement {

	private static final Logger log = LoggerFactory.getLogger(InventoryService.class);

	private final StockLevels stock;
	private final Reservations reservations;
	private final ApplicationEventPublisher events;
	private final ReservationExpiry expiry;
	private final InventorySettings settings;
	private final Clock clock;

	// The clock is the application's Clock bean if it defines exactly one (tests drive expiry with it), else system UTC.
	InventoryService(StockLevels stock, Reservations reservations, ReservationExpiry expiry,
			ApplicationEventPublisher events, InventorySettings settings, ObjectProvider<Clock> clock) {
		this.stock = stock;
		this.reservations = reservations;
		this.expiry = expiry;
		this.events = events;
		this.settings = settings;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	// Reads run without a transaction of their own: each is a single statement, atomic by itself, and skipping
	// transaction set-up keeps them cheap on the catalog's hot paths. Inside a caller's transaction they join it.

	@Override
	public Availability availabilityOf(Sku sku) {
		return stock.availableOf(sku).map(available -> Availability.of(sku, available))
			.orElseGet(() -> Availability.none(sku));
	}

	@Override
	public Map<Sku, Availability> availabilityOf(Collection<Sku> skus) {
		if (skus.isEmpty()) {
			return Map.of();
		}
		Map<Sku, Integer> known = stock.availableOf(skus);
		Map<Sku, Availability> result = LinkedHashMap.newLinkedHashMap(skus.size());
		for (Sku sku : skus) {
			Integer available = known.get(sku);
			result.put(sku, available == null ? Availability.none(sku) : Availability.of(sku, available));
		}
		return Collections.unmodifiableMap(result);
	}

	@Override
	@Transactional
	public Availability setStock(Sku sku, int onHand) {
		if (onHand < 0) {
			throw new IllegalArgumentException("Stock of " + sku + " cannot be negative: " + onHand);
		}
		Instant now = clock.instant();
		var before = stock.lock(sku);
		if (before.isEmpty()) {
			if (stock.insert(sku, onHand, now)) {
				return announce(Availability.none(sku), Availability.of(sku, onHand));
			}
			// A concurrent call created the row between our read and insert; it is committed now, so lock it.
			before = stock.lock(sku);
		}
		var level = before.orElseThrow();
		if (onHand < level.reserved()) {
			throw new StockBelowReserved(sku, onHand, level.reserved());
		}
		var after = stock.setOnHand(sku, onHand, now);
		return announce(Availability.of(sku, level.available()), Availability.of(sku, after.available()));
	}

	@Override
	@Transactional
	public int importStock(Map<Sku, Integer> onHand) {
		onHand.forEach((sku, units) -> {
			if (units < 0) {
				throw new IllegalArgumentException("Stock of " + sku + " cannot be negative: " + units);
			}
		});
		if (onHand.isEmpty()) {
			return 0;
		}
		// Ascending SKU order: concurrent imports (and the expiry job) then lock rows in the same order, never deadlock.
		var sorted = new java.util.TreeMap<Sku, Integer>(StockLevels.LOCK_ORDER);
		sorted.putAll(onHand);
		int written = stock.importRows(sorted, clock.instant());
		if (written < sorted.size()) {
			log.warn("Stock import skipped {} of {} SKUs whose open reservations hold more than the imported level",
					sorted.size() - written, sorted.size());
		}
		events.publishEvent(new StockImported(written));
		return written;
	}

	// ---- reconciliation with the legacy shop ----

	@Override
	public List<RangeChecksum> stockChecksums(List<@Nullable String> bounds) {
		if (bounds.size() < 2 || bounds.subList(1, bounds.size() - 1).contains(null)) {
			throw new IllegalArgumentException("Ranges need two or more bounds, null only at either end: " + bounds);
		}
		return stock.checksums(bounds);
	}

	@Override
	public Map<Sku, Long> stockDigests(@Nullable String from, @Nullable String to) {
		return stock.digests(from, to);
	}

	@Override
	@Transactional
	public Reservation reserve(Sku sku, int quantity) {
		if (quantity <= 0) {
			throw new IllegalArgumentException("Reserve at least one unit of " + sku + ", not " + quantity);
		}
		Instant now = clock.instant();
		var after = stock.reserve(sku, quantity, now)
			.orElseThrow(() -> new InsufficientStock(sku, quantity, Math.max(stock.availableOf(sku).orElse(0), 0)));
		var reservation = new Reservation(ReservationId.random(), sku, quantity, now.plus(settings.reservationTtl()));
		reservations.insert(reservation, now);
		events.publishEvent(new StockReserved(reservation.id(), sku, quantity, reservation.expiresAt()));
		events.publishEvent(new StockChanged(sku, Availability.of(sku, after.available())));
		return reservation;
	}

	@Override
	@Transactional
	public void confirm(ReservationId id) {
		var reservation = reservations.lock(id).orElseThrow(() -> new UnknownReservation(id));
		Instant now = clock.instant();
		switch (reservation.status()) {
			case CONFIRMED -> {
				// Already done: a retried confirmation must not ship twice.
			}
			case RELEASED, EXPIRED, RESTOCKED -> throw new ReservationNotOpen(id, reservation.status());
			case OPEN -> {
				if (!now.isBefore(reservation.expiresAt())) {
					throw new ReservationNotOpen(id, ReservationStatus.EXPIRED);
				}
				reservations.close(id, ReservationStatus.CONFIRMED, now);
				stock.ship(reservation.sku(), reservation.quantity(), now);
				events.publishEvent(new ReservationConfirmed(id, reservation.sku(), reservation.quantity()));
			}
		}
	}

	@Override
	@Transactional
	public void release(ReservationId id) {
		var reservation = reservations.lock(id).orElseThrow(() -> new UnknownReservation(id));
		Instant now = clock.instant();
		switch (reservation.status()) {
			case RELEASED, EXPIRED, RESTOCKED -> {
				// Nothing held any more: the outcome the caller wants.
			}
			case CONFIRMED -> throw new ReservationNotOpen(id, reservation.status());
			case OPEN -> {
				reservations.close(id, ReservationStatus.RELEASED, now);
				var after = stock.unreserve(reservation.sku(), reservation.quantity(), now);
				events.publishEvent(new ReservationReleased(id, reservation.sku(), reservation.quantity()));
				events.publishEvent(new StockChanged(reservation.sku(), Availability.of(reservation.sku(), after.available())));
			}
		}
	}

	@Override
	@Transactional
	public void restock(ReservationId id) {
		var reservation = reservations.lock(id).orElseThrow(() -> new UnknownReservation(id));
		switch (reservation.status()) {
			case RESTOCKED -> {
				// Already back: a retried cancellation must not count the units twice.
			}
			case OPEN, RELEASED, EXPIRED -> throw new ReservationNotOpen(id, reservation.status());
			case CONFIRMED -> {
				reservations.restocked(id);
				var after = stock.restock(reservation.sku(), reservation.quantity(), clock.instant());
				events.publishEvent(new ReservationRestocked(id, reservation.sku(), reservation.quantity()));
				events.publishEvent(new StockChanged(reservation.sku(), Availability.of(reservation.sku(), after.available())));
			}
		}
	}

	@Override
	public int expireOverdue() {
		Instant now = clock.instant();
		int batchSize = settings.expiry().batchSize();
		int total = 0;
		int expired;
		do {
			expired = expiry.expireBatch(now, batchSize);
			total += expired;
		}
		while (expired == batchSize);
		return total;
	}

	private Availability announce(Availability before, Availability after) {
		if (!after.equals(before)) {
			events.publishEvent(new StockChanged(after.sku(), after));
		}
		return after;
	}
}
