package com.retailflow.legacy.internal.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.retailflow.legacy.internal.SyncLag;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sync lag and backlog per module, for the cut-over gate and as Micrometer gauges ({@code retailflow.sync.lag} in
 * seconds and {@code retailflow.sync.backlog} in changes, tagged by module; {@code retailflow.sync.apply.rate} in
 * changes per second, and the counter {@code retailflow.sync.applied}).
 *
 * <p>Lag is the age of the oldest captured change not yet applied, measured on the legacy server's clock. While
 * legacy cannot be read, nobody knows what is waiting there, so the lag counts up from the last moment the stream
 * was known to be caught up (or from its oldest pending change): an outage shows as a growing lag, not as zero.
 * Any instance answers: one that does not run the stream reads the committed checkpoint.
 */
@Component
public class StreamLag implements SyncLag {

	private static final Logger log = LoggerFactory.getLogger(StreamLag.class);
	/** Figures younger than this are served as they are; the gate and every scrape need not hit legacy. */
	private static final Duration FRESH = Duration.ofMillis(500);

	private final ChangeLog changes;
	private final Checkpoints checkpoints;
	private final ChangeApplier applier;
	private final SyncSettings settings;
	private final Clock clock = Clock.systemUTC();
	private final Counter applied;
	private final AtomicLong appliedTotal = new AtomicLong();
	private final Map<String, State> modules = new HashMap<>();
	private @Nullable Instant measuredAt;
	private Instant rateSince;
	private long rateBase;
	private double rate;

	StreamLag(ChangeLog changes, Checkpoints checkpoints, ChangeApplier applier, SyncSettings settings,
			MeterRegistry meters) {
		this.changes = changes;
		this.checkpoints = checkpoints;
		this.applier = applier;
		this.settings = settings;
		this.rateSince = clock.instant();
		this.applied = Counter.builder("retailflow.sync.applied")
			.description("Legacy changes applied to the new side")
			.register(meters);
		for (String module : applier.modules()) {
			modules.put(module, new State(clock.instant()));
			Gauge.builder("retailflow.sync.lag", this, lag -> lag.of(module).map(d -> d.toMillis() / 1000.0).orElse(0.0))
				.description("Age of the oldest legacy change not yet applied")
				.baseUnit("seconds")
				.tag("module", module)
				.register(meters);
			Gauge.builder("retailflow.sync.backlog", this, lag -> lag.backlog(module))
				.description("Captured legacy changes not yet applied")
				.tag("module", module)
				.register(meters);
		}
		Gauge.builder("retailflow.sync.apply.rate", this, StreamLag::applyRate)
			.description("Legacy changes applied per second, over the last seconds")
			.register(meters);
	}

	@Override
	public Optional<Duration> of(String module) {
		if (!settings.enabled() || !modules.containsKey(module)) {
			return Optional.empty();
		}
		refreshIfStale();
		synchronized (this) {
			return Optional.of(modules.get(module).lag(clock.instant()));
		}
	}

	synchronized double backlog(String module) {
		refreshIfStale();
		State state = modules.get(module);
		return state == null ? 0 : state.backlog;
	}

	void applied(int count) {
		applied.increment(count);
		appliedTotal.addAndGet(count);
	}

	synchronized double applyRate() {
		Instant now = clock.instant();
		Duration window = Duration.between(rateSince, now);
		if (window.compareTo(Duration.ofSeconds(5)) >= 0) {
			long total = appliedTotal.get();
			rate = (total - rateBase) / (window.toMillis() / 1000.0);
			rateBase = total;
			rateSince = now;
		}
		return rate;
	}

	/** Measures now; the stream calls it after every batch. */
	void refresh() {
		Instant now = clock.instant();
		try {
			long position = checkpoints.position(ChangeApplier.STREAM);
			var pending = changes.pendingAfter(position);
			var tables = applier.modulesByTable();
			synchronized (this) {
				modules.forEach((module, state) -> {
					long backlog = 0;
					Duration oldest = Duration.ZERO;
					for (var table : tables.entrySet()) {
						var waiting = pending.get(table.getKey());
						if (table.getValue().equals(module) && waiting != null) {
							backlog += waiting.changes();
							oldest = oldest.compareTo(waiting.oldest()) >= 0 ? oldest : waiting.oldest();
						}
					}
					state.measured(now, backlog, oldest);
				});
				measuredAt = now;
			}
		}
		catch (RuntimeException ex) {
			synchronized (this) {
				measuredAt = now;
			}
			log.debug("Could not measure sync lag: {}", ex.getMessage());
		}
	}

	private void refreshIfStale() {
		Instant last;
		synchronized (this) {
			last = measuredAt;
		}
		if (last == null || last.plus(FRESH).isBefore(clock.instant())) {
			refresh();
		}
	}

	/** What is known of one module: since when it has been waiting for a change, and how many. */
	private static final class State {

		/** The oldest unapplied change, or the last moment nothing was waiting. */
		Instant pendingSince;
		long backlog;
		boolean caughtUp;

		State(Instant now) {
			this.pendingSince = now;
		}

		void measured(Instant now, long waiting, Duration oldest) {
			backlog = waiting;
			caughtUp = waiting == 0;
			pendingSince = caughtUp ? now : now.minus(oldest);
		}

		Duration lag(Instant now) {
			// Caught up at the last measurement and measured just now: zero. Otherwise the time since.
			Duration since = Duration.between(pendingSince, now);
			return caughtUp && since.compareTo(FRESH.multipliedBy(2)) <= 0 ? Duration.ZERO : since;
		}
	}
}
