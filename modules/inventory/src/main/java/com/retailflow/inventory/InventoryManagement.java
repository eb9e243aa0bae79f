package com.retailflow.inventory;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

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
 *
 * <p>Reads run without a transaction of their own (each is one statement); inside a caller's transaction they join it.
 */
public interface InventoryManagement {

	/**
	 * How much of a SKU can be reserved right now. One primary-key lookup.
	 *
	 * @return the availability; {@link Availability#none} for an unknown SKU
	 */
	Availability availabilityOf(Sku sku);

	/**
	 * {@link #availabilityOf(Sku)} for many SKUs in one query.
	 *
	 * @return an unmodifiable map with an entry for every SKU asked for, in the order first asked;
	 *         {@link Availability#none} for unknown SKUs
	 */
	Map<Sku, Availability> availabilityOf(Collection<Sku> skus);

	/**
	 * Sets the units of a SKU on hand (counted in the warehouse, including reserved ones), creating the SKU if it is
	 * new. Used by the legacy sync and by seeding. Publishes {@link StockChanged} if availability changed.
	 *
	 * @param onHand units on hand, at least the units open reservations hold
	 * @return the availability afterwards
	 * @throws IllegalArgumentException if {@code onHand} is negative
	 * @throws StockBelowReserved if open reservations hold more than {@code onHand}; nothing is changed
	 */
	Availability setStock(Sku sku, int onHand);

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
	int importStock(Map<Sku, Integer> onHand);

	/**
	 * Counts and checksums of the stock rows (SKU and units on hand; reservations are this module's own business) over
	 * consecutive SKU ranges, SKUs compared by their UTF-8 bytes, not by a collation.
	 *
	 * @param bounds {@code b0 … bn} describe n ranges {@code [b(i), b(i+1))}, ascending; the first and last may be
	 *        null for unbounded
	 * @return n checksums, one per range, each the XOR of {@link #stockDigest} over its rows
	 * @throws IllegalArgumentException for fewer than two bounds, or null bounds inside the list
	 */
	List<RangeChecksum> stockChecksums(List<@Nullable String> bounds);

	/** Each SKU's {@link #stockDigest} in {@code [from, to)} (byte order, null for unbounded), in that order. */
	Map<Sku, Long> stockDigests(@Nullable String from, @Nullable String to);

	/** The row digest of a SKU's stock, as {@link #stockChecksums} computes it over stored rows. */
	static long stockDigest(Sku sku, int onHand) {
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
	Reservation reserve(Sku sku, int quantity);

	/**
	 * The reserved units leave the warehouse: units on hand go down by the quantity and the reservation is closed.
	 * Availability does not change. Publishes {@link ReservationConfirmed}. Idempotent: confirming a confirmed
	 * reservation does nothing.
	 *
	 * @throws ReservationNotOpen if the reservation was released or has expired (also when it is past its expiry time
	 *         but the expiry job has not run yet: the hold has lapsed); nothing is changed
	 * @throws UnknownReservation if there is no such reservation
	 */
	void confirm(ReservationId id);

	/**
	 * Gives the reserved units back: they become available again. Publishes {@link ReservationReleased} and
	 * {@link StockChanged}. Idempotent: releasing a released or expired reservation does nothing (its units are back
	 * already).
	 *
	 * @throws ReservationNotOpen if the reservation was confirmed: its units have left the warehouse
	 * @throws UnknownReservation if there is no such reservation
	 */
	void release(ReservationId id);

	/**
	 * The units of a confirmed reservation come back on hand and are for sale again: its order was cancelled before
	 * it shipped. Publishes {@link ReservationRestocked} and {@link StockChanged}. Idempotent: restocking a restocked
	 * reservation does nothing.
	 *
	 * @throws ReservationNotOpen if the reservation was never confirmed (release it instead: its units never left)
	 * @throws UnknownReservation if there is no such reservation
	 */
	void restock(ReservationId id);

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
	int expireOverdue();
}
