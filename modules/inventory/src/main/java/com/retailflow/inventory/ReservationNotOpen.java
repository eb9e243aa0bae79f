package com.retailflow.inventory;

/**
 * Thrown when a reservation can no longer take the requested step: confirming one that was released or has expired,
 * or releasing one whose units already left the warehouse. Nothing was changed.
 */
public class ReservationNotOpen extends RuntimeException {

	private final ReservationId reservation;
	private final ReservationStatus status;

	public ReservationNotOpen(ReservationId reservation, ReservationStatus status) {
		super("Reservation %s is %s".formatted(reservation, status));
		this.reservation = reservation;
		this.status = status;
	}

	/** The reservation. */
	public ReservationId reservation() {
		return reservation;
	}

	/**
	 * The state that prevents the step. {@link ReservationStatus#EXPIRED} also for a reservation past its expiry time
	 * that the expiry job has not swept yet.
	 */
	public ReservationStatus status() {
		return status;
	}
}
