package com.retailflow.proxy.internal.routes;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Validates, gates, applies and audits route changes; the table reload makes them visible everywhere. */
@Service
public class RouteChanges implements RouteManagement {

	private final RouteRepository repository;
	private final RouteTable table;
	private final CutoverGate gate;
	private final MeterRegistry meters;
	private final ShadowStats shadows;
	private final double maxDifferenceRate;
	private final ObjectProvider<OwnershipHandover> handovers;

	/** Until the legacy adapter reports sync status, nobody can show a module is in sync: NEW needs force. */
	static final CutoverGate NO_SYNC_STATUS = (routeId, module) -> GateReport.closed("no sync status for module '"
			+ module + "': the legacy adapter reports none yet, so its data cannot be shown to be in sync");

	public RouteChanges(RouteRepository repository, RouteTable table, ObjectProvider<CutoverGate> gate, MeterRegistry meters,
			ShadowStats shadows, ProxySettings settings, ObjectProvider<OwnershipHandover> handovers) {
		this.shadows = shadows;
		this.handovers = handovers;
		this.maxDifferenceRate = settings.shadow().maxDifferenceRate();
		this.repository = repository;
		this.table = table;
		// Without the adapter's gate, nothing vouches for the data, and the proxy checks the shadow figures itself.
		this.gate = gate.getIfAvailable(() -> (routeId, module) -> withShadow(routeId, NO_SYNC_STATUS.check(routeId, module)));
		this.meters = meters;
	}

	@Override
	public List<RouteView> routes() {
		return repository.findAll().stream().map(Route::view).toList();
	}

	@Override
	public Optional<RouteView> route(String id) {
		return repository.find(id).map(Route::view);
	}

	@Override
	@Transactional
	public RouteView change(String id, RouteChange change, String actor) {
		Route current = repository.find(id).orElseThrow(() -> new RouteNotFound(id));
		if (change.mode() == null) {
			throw new InvalidRouteChange("mode is required: one of LEGACY, SHADOW, CANARY, NEW");
		}
		if (change.reason() == null || change.reason().isBlank()) {
			throw new InvalidRouteChange("reason is required: say why, it goes into the audit log");
		}
		int percentBp = percentBp(change.mode(), change.percent());
		// CANARY at 100 % sends every shopper to the new side: the same cut-over as NEW.
		boolean cutover = percentBp == 10_000;
		if (cutover) {
			var report = gate.check(current.id(), current.module());
			if (!report.open() && !change.force()) {
				throw new CutoverRefused(report);
			}
		}
		handovers.orderedStream()
			.forEach(handover -> handover.beforeFlip(current.id(), current.module(), current.mode(), change.mode()));
		repository.change(current, change.mode(), percentBp, actor, change.reason().strip(), change.force() && cutover,
				false);
		table.reload();
		return repository.find(id).map(Route::view).orElseThrow();
	}

	/** The automatic fallback: always allowed, audited as automatic, raises the alert metric. */
	@Transactional
	public void fallBack(String id, String why) {
		repository.find(id).filter(route -> route.mode() != Mode.LEGACY).ifPresent(route -> {
			repository.change(route, Mode.LEGACY, 0, "proxy:auto-fallback", why, false, true);
			meters.counter("retailflow.proxy.fallbacks", "route", id).increment();
		});
		table.reload();
	}

	/**
	 * The gate's verdict plus the shadow condition: enough comparisons in the recent window, and no field whose
	 * difference rate, after that field's own legacy noise, is over the limit.
	 */
	private GateReport withShadow(String routeId, GateReport gateReport) {
		var shadow = shadows.summary(routeId);
		var failures = new java.util.ArrayList<>(gateReport.failures());
		if (!shadow.sufficient()) {
			failures.add(String.format(java.util.Locale.ROOT,
					"only %d shadow comparisons in the last %d min; at least %d are needed", shadow.comparisons(),
					shadow.window().toMinutes(), shadow.minimumComparisons()));
		}
		else if (shadow.adjustedDifferenceRate() > maxDifferenceRate) {
			shadow.fields().forEach((field, rates) -> {
				if (rates.adjustedRate() > maxDifferenceRate) {
					failures.add(String.format(java.util.Locale.ROOT,
							"shadow difference rate in '%s' %.2f%% (after %.2f%% legacy noise in it) is over %.2f%%",
							field, rates.differenceRate() * 100, rates.noiseRate() * 100, maxDifferenceRate * 100));
				}
			});
		}
		return failures.size() == gateReport.failures().size() ? gateReport : new GateReport(false, failures);
	}

	@Override
	public ShadowSummary shadowSummary(String id) {
		repository.find(id).orElseThrow(() -> new RouteNotFound(id));
		return shadows.summary(id);
	}

	@Override
	public List<AuditEntry> history(String id) {
		repository.find(id).orElseThrow(() -> new RouteNotFound(id));
		return repository.history(id);
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
