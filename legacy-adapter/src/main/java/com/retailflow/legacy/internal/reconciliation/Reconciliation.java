package com.retailflow.legacy.internal.reconciliation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.retailflow.legacy.internal.reconciliation.ReconciliationReport.Difference;
import com.retailflow.legacy.internal.reconciliation.ReconciliationReport.Kind;
import com.retailflow.legacy.internal.reconciliation.ReconciliationReport.TableReport;
import com.retailflow.legacy.internal.tables.SyncedTable;
import com.retailflow.legacy.internal.tables.SyncedTables;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Compares a module's tables on both sides and keeps the report; repairs the rows a report found.
 *
 * <p>Reads only, on both sides, and without locks: rows changing while it runs can show up as differences that are
 * gone by the next run (the change stream applies them within seconds). The gate therefore needs a recent report with
 * no drift at all, not merely a small one.
 */
@Service
@EnableConfigurationProperties(ReconciliationSettings.class)
public class Reconciliation {

	/** What a repair wrote per table, and the reconciliation run right after it. */
	public record Repair(Map<String, Integer> rowsWritten, ReconciliationReport after) {
	}

	/** A module without synced tables. */
	public static final class UnknownModule extends RuntimeException {

		public UnknownModule(String module) {
			super("No synced module '" + module + "'");
		}
	}

	private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);
	/** Repair rounds when a report lists only part of the differing keys. */
	private static final int REPAIR_ROUNDS = 10;
	private static final Set<Kind> REPAIRABLE = EnumSet.of(Kind.MISSING_ON_NEW, Kind.DIFFERENT);

	private final SyncedTables tables;
	private final ReconciliationReports reports;
	private final ReconciliationSettings settings;

	Reconciliation(SyncedTables tables, ReconciliationReports reports, ReconciliationSettings settings) {
		this.tables = tables;
		this.reports = reports;
		this.settings = settings;
	}

	/**
	 * Reconciles every table of a module now and stores the report.
	 *
	 * @throws UnknownModule for a module without synced tables
	 */
	public ReconciliationReport reconcile(String module, String triggeredBy) {
		var synced = tablesOf(module);
		Instant started = Instant.now();
		List<TableReport> results = new ArrayList<>();
		for (SyncedTable<?> table : synced) {
			results.add(compare(table));
		}
		long drift = results.stream().mapToLong(TableReport::drift).sum();
		var report = reports.save(new ReconciliationReport(0, module, started, Instant.now(), triggeredBy, drift, results),
				settings.reportsKept());
		log.info("Reconciled {} ({}): {} drifting rows {}", module, triggeredBy, drift, results.stream()
			.map(table -> table.table() + "=" + table.drift())
			.toList());
		return report;
	}

	/**
	 * Re-syncs only the rows the latest report found missing on the new side or different: they are read from legacy
	 * again and written through the module's API. Rows missing on legacy are left for a person to decide (the modules
	 * have no delete), untranslatable rows must be fixed on legacy. Reconciles again afterwards and returns that report.
	 *
	 * @throws UnknownModule for a module without synced tables
	 */
	public Repair repair(String module, String triggeredBy) {
		var synced = tablesOf(module);
		var report = reports.latestReport(module).orElseGet(() -> reconcile(module, triggeredBy));
		Map<String, Integer> written = new LinkedHashMap<>();
		for (int round = 1; round <= REPAIR_ROUNDS; round++) {
			boolean truncated = false;
			for (SyncedTable<?> table : synced) {
				var found = report.tables().stream().filter(t -> t.table().equals(table.name())).findFirst();
				if (found.isEmpty()) {
					continue;
				}
				var keys = found.get().differences().stream().filter(d -> REPAIRABLE.contains(d.kind()))
					.map(Difference::key)
					.toList();
				written.merge(table.name(), keys.isEmpty() ? 0 : resync(table, keys), Integer::sum);
				truncated |= found.get().keysTruncated();
			}
			report = reconcile(module, triggeredBy + " (after repair)");
			if (!truncated) {
				break;
			}
		}
		log.info("Repaired {} ({}): rows written {}, {} drifting rows left", module, triggeredBy, written,
				report.driftRows());
		return new Repair(written, report);
	}

	private List<SyncedTable<?>> tablesOf(String module) {
		var synced = tables.of(module);
		if (synced.isEmpty()) {
			throw new UnknownModule(module);
		}
		return synced;
	}

	private <K> TableReport compare(SyncedTable<K> table) {
		return new TableComparison<>(table, settings).run();
	}

	private static <K> int resync(SyncedTable<K> table, List<String> keys) {
		return table.resync(keys.stream().map(table::parseKey).toList());
	}
}
