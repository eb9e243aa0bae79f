package com.retailflow.inventory;

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

import com.retailflow.inventory.internal.InventorySettings;
import com.retailflow.inventory.internal.ReservationExpiry;
import com.retailflow.inventory.internal.Reservations;
import com.retailflow.inventory.internal.StockLevels;

/**
 * The inventory module's API: stock per SKU, availability, and reservations that can never oversell.
 *
 * <p>Overselling is prevented by the database, not by this class: a reservation is one conditional
 * {@code UPDATE ... WHERE on_hand - reserved >= quantity} on the SKU's row, and CHECK constraints refuse any state with
 * negative stock or more reserved than on hand. Any number of threads and application instances may call it at once.
 *
 * <p>Every change is announced with events published inside its transaction, so they reach Spring Modulith's event
 * publication registry atomically with the change: {@link StockChanged} whenever a SKU's availability changed, plus
 * {@link StockReserved}, {@link ReservationConfirmed}, {@link ReservationReleased}, {@link ReservationExpired} and
 * {@link StockImported}.
 */
@Service
public class InventoryManagement {

	private static final Logger log = LoggerFactory.getLogger(InventoryManagement.class);

	private final StockLevels stock;
	private final Reservations reservations;
	private final ApplicationEventPublisher events;
	private final ReservationExpiry expiry;
	private final InventorySettings settings;
	private final Clock clock;

	// Package-private: only Spring constructs the facade, and its collaborators are module internals.
	// The clock is the application's Clock bean if it defines exactly one (tests drive expiry with it), else system UTC.
	InventoryManagement(StockLevels stock, Reservations reservations, ReservationExpiry expiry,
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

	/**
	 * How much of a SKU can be reserved right now. One primary-key lookup.
	 *
	 * @return the availability; {@link Availability#none} for an unknown SKU
	 */
	public Availability availabilityOf(Sku sku) {
		return stock.availableOf(sku).map(available -> Availability.of(sku, available))
			.orElseGet(() -> Availability.none(sku));
	}

	/**
	 * {@link #availabilityOf(Sku)} for many SKUs in one query.
	 *
	 * @return an unmodifiable map with an entry for every SKU asked for, in the order first asked;
	 *         {@link Availability#none} for unknown SKUs
	 */
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

	/**
	 * Sets the units of a SKU on hand (counted in the warehouse, including reserved ones), creating the SKU if it is
	 * new. Used by the legacy sync and by seeding. Publishes {@link StockChanged} if availability changed.
	 *
	 * @param onHand units on hand, at least the units open reservations hold
	 * @return the availability afterwards
	 * @throws IllegalArgumentException if {@code onHand} is negative
	 * @throws StockBelowReserved if open reservations hold more than {@code onHand}; nothing is changed
	 */
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

	/**
	 * Sets units on hand for many SKUs at once, for backfills of up to millions of SKUs: rows are COPied into a staging
	 * table and upserted from it in one statement, all in one transaction (the caller's, if it has one). Publishes one {@link StockImported} instead of a
	 * {@link StockChanged} per SKU.
	 *
	 * <p>A SKU whose open reservations hold more units than its new level is skipped (and logged), like
	 * {@link #setStock} would refuse it; the result tells how many were written.
	 *
	 * @param onHand units on hand per SKU
	 * @return the number of SKUs whose stock was written
	 * @throws IllegalArgumentException if any level is negative; nothing is written
	 */
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

	/**
	 * Counts and checksums of the stock rows (SKU and units on hand; reservations are this module's own business) over
	 * consecutive SKU ranges, SKUs compared by their UTF-8 bytes, not by a collation.
	 *
	 * @param bounds {@code b0 … bn} describe n ranges {@code [b(i), b(i+1))}, ascending; the first and last may be
	 *        null for unbounded
	 * @return n checksums, one per range, each the XOR of {@link #stockDigest} over its rows
	 * @throws IllegalArgumentException for fewer than two bounds, or null bounds inside the list
	 */
	public List<RangeChecksum> stockChecksums(List<@Nullable String> bounds) {
		if (bounds.size() < 2 || bounds.subList(1, bounds.size() - 1).contains(null)) {
			throw new IllegalArgumentException("Ranges need two or more bounds, null only at either end: " + bounds);
		}
		return stock.checksums(bounds);
	}

	/** Each SKU's {@link #stockDigest} in {@code [from, to)} (byte order, null for unbounded), in that order. */
	public Map<Sku, Long> stockDigests(@Nullable String from, @Nullable String to) {
		return stock.digests(from, to);
	}

	/** The row digest of a SKU's stock, as {@link #stockChecksums} computes it over stored rows. */
	public static long stockDigest(Sku sku, int onHand) {
		return RangeChecksum.digest(sku.code(), Integer.toString(onHand));
	}

	/**
	 * Holds units of a SKU for a shopper until {@link #confirm confirmed}, {@link #release released} or expired
	 * ({@code retailflow.inventory.reservation-ttl} after now). Never oversells, however many callers compete.
	 * Publishes {@link StockReserved} and {@link StockChanged}.
	 *
	 * @param quantity units to hold, at least 1
	 * @return the reservation
	 * @throws IllegalArgumentException if {@code quantity} is not positive
	 * @throws InsufficientStock if fewer than {@code quantity} units are available (or the SKU is unknown); nothing is
	 *         reserved
	 */
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

	/**
	 * The reserved units leave the warehouse: units on hand go down by the quantity and the reservation is closed.
	 * Availability does not change. Publishes {@link ReservationConfirmed}. Idempotent: confirming a confirmed
	 * reservation does nothing.
	 *
	 * @throws ReservationNotOpen if the reservation was released or has expired (also when it is past its expiry time
	 *         but the expiry job has not run yet: the hold has lapsed); nothing is changed
	 * @throws UnknownReservation if there is no such reservation
	 */
	@Transactional
	public void confirm(ReservationId id) {
		var reservation = reservations.lock(id).orElseThrow(() -> new UnknownReservation(id));
		Instant now = clock.instant();
		switch (reservation.status()) {
			case CONFIRMED -> {
				// Already done: a retried confirmation must not ship twice.
			}
			case RELEASED, EXPIRED -> throw new ReservationNotOpen(id, reservation.status());
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

	/**
	 * Gives the reserved units back: they become available again. Publishes {@link ReservationReleased} and
	 * {@link StockChanged}. Idempotent: releasing a released or expired reservation does nothing (its units are back
	 * already).
	 *
	 * @throws ReservationNotOpen if the reservation was confirmed: its units have left the warehouse
	 * @throws UnknownReservation if there is no such reservation
	 */
	@Transactional
	public void release(ReservationId id) {
		var reservation = reservations.lock(id).orElseThrow(() -> new UnknownReservation(id));
		Instant now = clock.instant();
		switch (reservation.status()) {
			case RELEASED, EXPIRED -> {
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

	/**
	 * Expires every open reservation whose expiry time has passed, giving its units back. Publishes
	 * {@link ReservationExpired} per reservation and {@link StockChanged} per SKU affected. Runs periodically on every
	 * instance ({@code retailflow.inventory.expiry.*}).
	 *
	 * <p>Safe to run concurrently, on one or many instances: each reservation is expired by exactly one call. Works in
	 * transactions of {@code retailflow.inventory.expiry.batch-size} reservations, so a backlog never becomes one huge
	 * transaction; reservations another caller is expiring at the same moment are skipped, not waited for.
	 *
	 * @return the number of reservations this call expired
	 */
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
