package com.retailflow.proxy.internal.routes;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.retailflow.proxy.AuditEntry;
import com.retailflow.proxy.CutoverGate;
import com.retailflow.proxy.GateReport;
import com.retailflow.proxy.Mode;
import com.retailflow.proxy.OwnershipHandover;
import com.retailflow.proxy.RouteManagement;
import com.retailflow.proxy.RouteView;
import com.retailflow.proxy.ShadowSummary;
import com.retailflow.proxy.internal.ProxySettings;
import com.retailflow.proxy.internal.shadow.ShadowStats;

import io.micrometer.core.instrument.MeterRegistry;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;

/**
 * Validates, gates, applies and audits route changes; the table reload makes them visible everywhere.
 *
 * <p>Going back to legacy must work when PostgreSQL does not: a rollback or an automatic fallback takes effect
 * on this instance at once (held by the {@link RouteTable}), the alert metric is raised before anything is
 * written, and a write that fails is retried in the background until the table has it.
 */
@Service
public class RouteChanges implements RouteManagement {

	/** A change the table does not have yet: written when the database answers again. */
	private sealed interface PendingWrite permits PendingChange, PendingFallback, PendingBreakerNote {

		String routeId();
	}

	private record PendingChange(Route from, Mode mode, int percentBp, String actor, String reason, Instant at)
			implements PendingWrite {

		@Override
		public String routeId() {
			return from.id();
		}
	}

	private record PendingFallback(String id, Instant until, int count, String reason, Instant at)
			implements PendingWrite {

		@Override
		public String routeId() {
			return id;
		}
	}

	/** A transition of the route's legacy circuit breaker, for the audit log; the route's mode does not change. */
	private record PendingBreakerNote(String id, String reason, Instant at) implements PendingWrite {

		@Override
		public String routeId() {
			return id;
		}
	}

	private static final Logger log = LoggerFactory.getLogger(RouteChanges.class);

	static final String LEGACY_BREAKER_ACTOR = "proxy:legacy-breaker";

	private final RouteRepository repository;
	private final RouteTable table;
	private final ProxyDatabase database;
	private final CutoverGate gate;
	private final MeterRegistry meters;
	private final ShadowStats shadows;
	private final ProxySettings settings;
	private final Queue<PendingWrite> pending = new ConcurrentLinkedQueue<>();
	private final Map<String, String> legacyBreakers = new ConcurrentHashMap<>();
	private final ObjectProvider<OwnershipHandover> handovers;

	/** Until the legacy adapter reports sync status, nobody can show a module is in sync: NEW needs force. */
	static final CutoverGate NO_SYNC_STATUS = (routeId, module) -> GateReport.closed("no sync status for module '"
			+ module + "': the legacy adapter reports none yet, so its data cannot be shown to be in sync");

	RouteChanges(RouteRepository repository, RouteTable table, ProxyDatabase database, ObjectProvider<CutoverGate> gate,
			MeterRegistry meters, ShadowStats shadows, ProxySettings settings,
			ObjectProvider<OwnershipHandover> handovers) {
		this.shadows = shadows;
		this.handovers = handovers;
		this.repository = repository;
		this.table = table;
		this.database = database;
		// Without the adapter's gate, nothing vouches for the data, and the proxy checks the shadow figures itself.
		this.gate = gate.getIfAvailable(() -> (routeId, module) -> withShadow(routeId, NO_SYNC_STATUS.check(routeId, module)));
		this.meters = meters;
		this.settings = settings;
	}

	/** From this instance's table (refreshed every interval), so the list works while PostgreSQL is down. */
	@Override
	public List<RouteView> routes() {
		return table.routes().stream().map(this::view).toList();
	}

	@Override
	public Optional<RouteView> route(String id) {
		return table.route(id).map(this::view);
	}

	@Override
	public RouteView change(String id, RouteChange change, String actor) {
		Route known = table.route(id).orElseThrow(() -> new RouteNotFound(id));
		if (change.mode() == null) {
			throw new InvalidRouteChange("mode is required: one of LEGACY, SHADOW, CANARY, NEW");
		}
		if (change.reason() == null || change.reason().isBlank()) {
			throw new InvalidRouteChange("reason is required: say why, it goes into the audit log");
		}
		int percentBp = percentBp(change.mode(), change.percent());
		// Everyone on the new side is a cut-over, whether it is called NEW or CANARY at 100 %.
		boolean gated = percentBp >= 10_000;
		// A forced cut-over does not ask the gate (whose figures may live in the database that is failing).
		if (gated && !change.force()) {
			GateReport report;
			try {
				report = gate.check(known.id(), known.module());
			}
			catch (DataAccessException | TransactionException ex) {
				throw new RouteTableUnavailable(ex);
			}
			if (!report.open()) {
				throw new CutoverRefused(report);
			}
		}
		// Whoever keeps the route's data in sync hands the system of record over first; a rollback goes ahead
		// whatever the hand-over says.
		try {
			Mode from = known.percentBp() >= 10_000 ? Mode.NEW : known.mode();
			Mode to = gated ? Mode.NEW : change.mode();
			handovers.orderedStream().forEach(handover -> handover.beforeFlip(known.id(), known.module(), from, to));
		}
		catch (RuntimeException ex) {
			if (change.mode() != Mode.LEGACY) {
				throw ex;
			}
			log.error("Hand-over before rolling {} back to LEGACY failed; rolling back anyway", id, ex);
		}
		String reason = change.reason().strip();
		Instant at = Instant.now();
		try {
			database.transactions().executeWithoutResult(tx -> {
				Route current = repository.findForUpdate(id).orElseThrow(() -> new RouteNotFound(id));
				repository.change(current, change.mode(), percentBp, actor, reason, change.force() && gated, at);
			});
			// This change is newer than anything still waiting to be written for the route.
			pending.removeIf(write -> write.routeId().equals(id));
			table.reload();
			table.release(id);
		}
		catch (DataAccessException | TransactionException ex) {
			if (change.mode() != Mode.LEGACY) {
				throw new RouteTableUnavailable(ex);
			}
			// The one-click rollback is never refused: legacy answers here at once, the write follows.
			log.error("Route table unreachable; holding {} on LEGACY on this instance until the write succeeds: {}",
					id, ex.getMessage());
			meters.counter("retailflow.proxy.route.writes.pending", "route", id).increment();
			table.holdChange(known.changedTo(Mode.LEGACY, 0, actor, at),
					"rolled back to LEGACY by " + actor + "; not yet written to the route table");
			pending.add(new PendingChange(known, Mode.LEGACY, 0, actor, reason, at));
		}
		return table.route(id).map(this::view).orElseThrow();
	}

	/**
	 * The automatic fallback: legacy answers the route for the ejection time (doubling with each fallback in a
	 * row), audited as automatic. Never throws: the request that tripped it is replayed whatever happens here.
	 */
	public void fallBack(String id, String why) {
		Instant now = Instant.now();
		var route = table.route(id);
		if (route.isEmpty() || route.get().mode() == Mode.LEGACY || table.fallbackHeld(id, now)) {
			return;
		}
		// The alert first: it must not depend on the database the new side may be failing on.
		meters.counter("retailflow.proxy.fallbacks", "route", id).increment();
		int count = route.get().fallbackCount() + 1;
		Instant until = now.plus(ejection(id, count));
		String reason = why + "; legacy answers until " + until;
		table.holdOnLegacy(id, "automatic fallback to legacy until " + until, until);
		log.warn("Automatic fallback of route {} to legacy until {}: {}", id, until, why);
		write(new PendingFallback(id, until, count, reason, now));
	}

	private Duration ejection(String id, int count) {
		Duration first = settings.fallback().of(id).ejection();
		Duration longest = settings.fallback().maxEjection();
		Duration ejection = first.multipliedBy(1L << Math.min(count - 1, 20));
		return ejection.compareTo(longest) > 0 ? longest : ejection;
	}

	/**
	 * A transition of the route's legacy circuit breaker: shown in the route's view, and audited when a reason is
	 * given. Called on the request that tripped it, so it only queues the entry: the background writer adds it to
	 * the audit log (later, if PostgreSQL is down). Requests that match no route have a breaker too, but no audit
	 * log to write to.
	 */
	public void legacyBreakerChanged(String id, String state, @Nullable String auditReason) {
		legacyBreakers.put(id, state);
		if (auditReason != null && table.route(id).isPresent()) {
			pending.add(new PendingBreakerNote(id, auditReason, Instant.now()));
		}
	}

	/** Writes what could not be written, and ends the automatic fallbacks whose time is up (once per cluster). */
	@Scheduled(fixedDelayString = "${retailflow.proxy.refresh-interval:500ms}")
	void catchUp() {
		for (PendingWrite write = pending.poll(); write != null; write = pending.poll()) {
			if (!write(write)) {
				return;
			}
		}
		if (!table.anyFallbackEnded(Instant.now())) {
			return;
		}
		try {
			if (!database.transactions().execute(tx -> repository.endExpiredFallbacks()).isEmpty()) {
				table.reload();
			}
		}
		catch (DataAccessException | TransactionException ex) {
			log.debug("Could not end expired fallbacks: {}", ex.getMessage());
		}
	}

	/** Writes one pending change; on failure puts it back (in front of nothing newer for that route). */
	private boolean write(PendingWrite write) {
		try {
			database.transactions().executeWithoutResult(tx -> {
				switch (write) {
					case PendingChange change -> {
						Route current = repository.findForUpdate(change.from().id()).orElseThrow();
						repository.change(current, change.mode(), change.percentBp(), change.actor(), change.reason(),
								false, change.at());
					}
					case PendingFallback fallback -> repository.fallBack(fallback.id(), fallback.until(),
							fallback.count(), fallback.reason(), fallback.at());
					case PendingBreakerNote note -> repository.note(note.id(), LEGACY_BREAKER_ACTOR, note.reason(),
							note.at());
				}
			});
			if (write instanceof PendingBreakerNote) {
				return true;
			}
			table.reload();
			if (write instanceof PendingChange change) {
				table.release(change.from().id());
			}
			return true;
		}
		catch (DataAccessException | TransactionException ex) {
			log.warn("Route table write failed, retrying in the background: {}", ex.getMessage());
			pending.add(write);
			return false;
		}
	}

	private RouteView view(Route route) {
		var thresholds = settings.fallback().of(route.id());
		var serving = table.serving(route.id()).orElse(route);
		Instant activeUntil = serving.heldBecause() == null ? null
				: route.fallingBackAt(Instant.now()) ? route.fallbackUntil() : table.holdUntil(route.id());
		return route.view(new RouteView.Fallback(thresholds.errorRate(), thresholds.minRequests(), thresholds.window(),
				thresholds.ejection(), activeUntil, serving.heldBecause()), legacyBreakers.getOrDefault(route.id(), "CLOSED"));
	}

	/** The gate's verdict plus the shadow condition ({@link ShadowSummary#gateFailures()}). */
	private GateReport withShadow(String routeId, GateReport gateReport) {
		var failures = new java.util.ArrayList<>(gateReport.failures());
		failures.addAll(shadows.summary(routeId).gateFailures());
		return failures.size() == gateReport.failures().size() ? gateReport : new GateReport(false, failures);
	}

	@Override
	public ShadowSummary shadowSummary(String id) {
		table.route(id).orElseThrow(() -> new RouteNotFound(id));
		return shadows.summary(id);
	}

	@Override
	public List<AuditEntry> history(String id) {
		table.route(id).orElseThrow(() -> new RouteNotFound(id));
		try {
			return repository.history(id);
		}
		catch (DataAccessException | TransactionException ex) {
			throw new RouteTableUnavailable(ex);
		}
	}

	private static int percentBp(Mode mode, BigDecimal percent) {
		return switch (mode) {
			case LEGACY, SHADOW -> 0;
			case NEW -> 10_000;
			case CANARY -> {
				if (percent == null) {
					throw new InvalidRouteChange("percent is required for CANARY (0 to 100, two decimals at most)");
				}
				if (percent.compareTo(BigDecimal.ZERO) < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
					throw new InvalidRouteChange("percent must be between 0 and 100, was " + percent.toPlainString());
				}
				if (percent.stripTrailingZeros().scale() > 2) {
					throw new InvalidRouteChange("percent has at most two decimals (steps of 0.01), was "
							+ percent.toPlainString());
				}
				yield percent.movePointRight(2).intValueExact();
			}
		};
	}
}
