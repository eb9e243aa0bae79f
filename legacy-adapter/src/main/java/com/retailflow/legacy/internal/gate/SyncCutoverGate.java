package com.retailflow.legacy.internal.gate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.retailflow.legacy.internal.SyncLag;
import com.retailflow.legacy.internal.reconciliation.ReconciliationReports;
import com.retailflow.legacy.internal.tables.SyncedTables;
import com.retailflow.proxy.CutoverGate;
import com.retailflow.proxy.GateReport;
import com.retailflow.proxy.RouteManagement;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The cut-over gate: a route may send everyone to the new side only when the data its pages show is in sync with
 * legacy and its shadow answers agree. Each failing condition is reported with its figure and threshold:
 * <ul>
 * <li>sync lag of every data module under {@code max-lag} (no change stream counts as failing);</li>
 * <li>the last reconciliation of every data module finished within {@code max-reconciliation-age} and found no
 * drifting row (untranslatable rows, which the stream quarantines, are drift), and the change stream holds no row of
 * the module in quarantine now;</li>
 * <li>the proxy's shadow condition ({@link com.retailflow.proxy.ShadowSummary#gateFailures()}): enough shadow
 * comparisons, and no field whose difference rate after legacy's own noise is over the limit.</li>
 * </ul>
 */
@Component
@EnableConfigurationProperties(GateSettings.class)
class SyncCutoverGate implements CutoverGate {

	private final ObjectProvider<SyncLag> lag;
	private final ReconciliationReports reports;
	private final SyncedTables tables;
	private final QuarantinedRows quarantine;
	private final ObjectProvider<RouteManagement> routes;
	private final GateSettings settings;
	private final Clock clock;

	SyncCutoverGate(ObjectProvider<SyncLag> lag, ReconciliationReports reports, SyncedTables tables,
			QuarantinedRows quarantine, ObjectProvider<RouteManagement> routes, GateSettings settings,
			ObjectProvider<Clock> clock) {
		this.lag = lag;
		this.reports = reports;
		this.tables = tables;
		this.quarantine = quarantine;
		this.routes = routes;
		this.settings = settings;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	@Override
	public GateReport check(String routeId, String module) {
		List<String> failures = new ArrayList<>();
		for (String data : settings.dataOf(module)) {
			if (tables.of(data).isEmpty()) {
				failures.add("sync: module '%s' has no data sync with legacy yet, so nothing shows it is in sync".formatted(data));
				continue;
			}
			checkLag(data, failures);
			checkReconciliation(data, failures);
			checkQuarantine(data, failures);
		}
		checkShadow(routeId, failures);
		return new GateReport(failures.isEmpty(), failures);
	}

	private void checkLag(String module, List<String> failures) {
		var measured = Optional.ofNullable(lag.getIfAvailable()).flatMap(stream -> stream.of(module));
		if (measured.isEmpty()) {
			failures.add("sync lag of '%s': no change stream measures it".formatted(module));
		}
		else if (measured.get().compareTo(settings.maxLag()) >= 0) {
			failures.add("sync lag of '%s': %s, not under %s".formatted(module, seconds(measured.get()),
					seconds(settings.maxLag())));
		}
	}

	private void checkReconciliation(String module, List<String> failures) {
		var latest = reports.latest(module);
		if (latest.isEmpty()) {
			failures.add("reconciliation of '%s': never run".formatted(module));
			return;
		}
		var age = Duration.between(latest.get().finishedAt(), clock.instant());
		if (age.compareTo(settings.maxReconciliationAge()) > 0) {
			failures.add("reconciliation of '%s': the last one finished %s ago, more than %s".formatted(module,
					minutes(age), minutes(settings.maxReconciliationAge())));
		}
		if (latest.get().driftRows() > 0) {
			failures.add("reconciliation of '%s': the last one found %d drifting rows, none allowed (report %d)"
				.formatted(module, latest.get().driftRows(), latest.get().id()));
		}
	}

	private void checkQuarantine(String module, List<String> failures) {
		long quarantined = quarantine.of(tables.of(module).stream().map(table -> table.name()).toList());
		if (quarantined > 0) {
			failures.add("quarantine of '%s': %d legacy rows the change stream could not apply, none allowed"
				.formatted(module, quarantined));
		}
	}

	/** The proxy's own shadow condition, so every gate of the shop applies the same one. */
	private void checkShadow(String routeId, List<String> failures) {
		failures.addAll(routes.getObject().shadowSummary(routeId).gateFailures());
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	private static String minutes(Duration duration) {
		return String.format(Locale.ROOT, "%.1f min", duration.toMillis() / 60_000.0);
	}
}
