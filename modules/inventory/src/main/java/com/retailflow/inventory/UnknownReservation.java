package com.retailflow.inventory;

/** Thrown when no reservation has the given id. Nothing was changed. */
public class UnknownReservation extends RuntimeException {

	private final ReservationId reservation;

	public UnknownReservation(ReservationId reservation) {
		super("No reservation " + reservation);
		this.reservation = reservation;
	}

	/** The id nobody knows. */
	public ReservationId reservation() {
		return reservation;
	}
}
