package com.retailflow.inventory;

/** Where a {@link Reservation} is in its life: {@code OPEN} until it ends in exactly one of the other states. */
public enum ReservationStatus {

	/** Units are held. */
	OPEN,

	/** The units left the warehouse: on-hand stock went down by the quantity. */
	CONFIRMED,

	/** The hold was given up; the units are available again. */
	RELEASED,

	/** The hold lapsed at its expiry time; the units are available again. */
	EXPIRED,

	/** The units had left the warehouse (confirmed), then came back (a paid order cancelled before it shipped). */
	RESTOCKED
}
