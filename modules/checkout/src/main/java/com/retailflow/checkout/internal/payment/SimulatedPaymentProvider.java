package com.retailflow.checkout.internal.payment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.retailflow.kernel.Money;

/**
 * A payment provider simulated on its own ledger table ({@code checkout.simulated_charges}), so its charges survive a
 * crash of the app as a real provider's would. Idempotent by key: the table's primary key is the idempotency key, and
 * a repeated authorization answers the charge already made.
 *
 * <p>Test cards: {@value #APPROVE} approved, {@value #DECLINE} declined, {@value #TIMEOUT_BEFORE_CHARGE} times out
 * before charging, {@value #TIMEOUT_AFTER_CHARGE} charges and then times out. Other cards follow the configured rates.
 */
@Component
class SimulatedPaymentProvider implements PaymentGateway {

	static final String APPROVE = "4242424242424242";
	static final String DECLINE = "4000000000000002";
	static final String TIMEOUT_BEFORE_CHARGE = "4000000000000119";
	static final String TIMEOUT_AFTER_CHARGE = "4000000000000259";

	private final JdbcClient jdbc;
	private final SimulatedPaymentSettings settings;
	private final Clock clock;

	SimulatedPaymentProvider(JdbcClient jdbc, SimulatedPaymentSettings settings, ObjectProvider<Clock> clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	@Override
	public Authorization authorize(String idempotencyKey, Money amount, String cardNumber) {
		// half the latency before the charge is recorded and half after, as a real provider's round trip: a crash of
		// the caller in the second half leaves a charge whose answer never arrived
		Duration firstHalf = settings.latency().dividedBy(2);
		pause(firstHalf);
		var existing = find(idempotencyKey);
		if (existing.isPresent()) {
			return existing.get();
		}
		Fate fate = fate(cardNumber);
		if (fate == Fate.DECLINE) {
			return new Authorization.Declined("Your card was declined. Please use another card.");
		}
		if (fate == Fate.TIMEOUT_BEFORE_CHARGE) {
			throw new PaymentUnknown("The payment provider did not answer in time.");
		}
		Instant now = clock.instant();
		jdbc.sql("""
				INSERT INTO checkout.simulated_charges
				    (idempotency_key, reference, amount, currency, status, created_at, updated_at)
				VALUES (?, ?, ?, ?, 'AUTHORIZED', ?, ?)
				ON CONFLICT (idempotency_key) DO NOTHING""")
			.params(idempotencyKey, "sim_" + UUID.randomUUID(), amount.amount(), amount.currency().getCurrencyCode(),
					Timestamp.from(now), Timestamp.from(now))
			.update();
		pause(settings.latency().minus(firstHalf));
		if (fate == Fate.TIMEOUT_AFTER_CHARGE) {
			throw new PaymentUnknown("The payment provider charged the card but its answer was lost.");
		}
		return find(idempotencyKey).orElseThrow();
	}

	@Override
	public Optional<Authorization.Approved> lookup(String idempotencyKey) {
		pause();
		return find(idempotencyKey);
	}

	@Override
	public void capture(String idempotencyKey) {
		setStatus(idempotencyKey, "CAPTURED", "AUTHORIZED");
	}

	@Override
	public void voidAuthorization(String idempotencyKey) {
		setStatus(idempotencyKey, "VOIDED", "AUTHORIZED");
	}

	private void setStatus(String idempotencyKey, String status, String from) {
		pause();
		jdbc.sql("UPDATE checkout.simulated_charges SET status = ?, updated_at = ? WHERE idempotency_key = ? AND status = ?")
			.params(status, Timestamp.from(clock.instant()), idempotencyKey, from)
			.update();
	}

	private Optional<Authorization.Approved> find(String idempotencyKey) {
		return jdbc.sql("SELECT reference FROM checkout.simulated_charges WHERE idempotency_key = ?")
			.param(idempotencyKey)
			.query(String.class)
			.optional()
			.map(Authorization.Approved::new);
	}

	private Fate fate(String cardNumber) {
		return switch (cardNumber) {
			case APPROVE -> Fate.APPROVE;
			case DECLINE -> Fate.DECLINE;
			case TIMEOUT_BEFORE_CHARGE -> Fate.TIMEOUT_BEFORE_CHARGE;
			case TIMEOUT_AFTER_CHARGE -> Fate.TIMEOUT_AFTER_CHARGE;
			default -> byRates(ThreadLocalRandom.current().nextDouble());
		};
	}

	private Fate byRates(double roll) {
		if (roll < settings.declineRate()) {
			return Fate.DECLINE;
		}
		if (roll < settings.declineRate() + settings.timeoutBeforeChargeRate()) {
			return Fate.TIMEOUT_BEFORE_CHARGE;
		}
		return roll < settings.declineRate() + settings.timeoutBeforeChargeRate() + settings.timeoutAfterChargeRate()
				? Fate.TIMEOUT_AFTER_CHARGE : Fate.APPROVE;
	}

	private void pause() {
		pause(settings.latency());
	}

	private static void pause(Duration duration) {
		if (!duration.isZero()) {
			try {
				Thread.sleep(duration);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new PaymentUnknown("Interrupted while waiting for the payment provider.");
			}
		}
	}

	private enum Fate {
		APPROVE, DECLINE, TIMEOUT_BEFORE_CHARGE, TIMEOUT_AFTER_CHARGE
	}
}
