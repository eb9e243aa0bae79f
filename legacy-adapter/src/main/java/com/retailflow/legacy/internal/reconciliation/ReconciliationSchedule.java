package com.retailflow.legacy.internal.reconciliation;

import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.retailflow.legacy.internal.backfill.Backfill;
import com.retailflow.legacy.internal.tables.SyncedTables;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reconciles each module every {@code retailflow.legacy.reconciliation.interval}, once in a cluster: a module is due
 * when its latest stored report is older than the interval, and the instance that gets the module's PostgreSQL
 * advisory lock runs it. Modules whose backfill is not complete are not reconciled: everything would differ.
 */
@Component
class ReconciliationSchedule {

	private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);

	private final Reconciliation reconciliation;
	private final ReconciliationReports reports;
	private final SyncedTables tables;
	private final Backfill backfill;
	private final ReconciliationSettings settings;
	private final DataSource dataSource;

	ReconciliationSchedule(Reconciliation reconciliation, ReconciliationReports reports, SyncedTables tables,
			Backfill backfill, ReconciliationSettings settings, DataSource dataSource) {
		this.reconciliation = reconciliation;
		this.reports = reports;
		this.tables = tables;
		this.backfill = backfill;
		this.settings = settings;
		this.dataSource = dataSource;
	}

	@Scheduled(initialDelay = 30, fixedDelay = 15, timeUnit = TimeUnit.SECONDS)
	void reconcileDueModules() {
		if (settings.interval().isZero()) {
			return;
		}
		for (String module : tables.modules()) {
			try {
				if (due(module) && backfill.completed(module)) {
					runOnce(module);
				}
			}
			catch (RuntimeException | SQLException ex) {
				log.warn("Scheduled reconciliation of {} failed: {}", module, ex.getMessage());
			}
		}
	}

	private boolean due(String module) {
		return reports.latest(module)
			.map(latest -> latest.finishedAt().isBefore(Instant.now().minus(settings.interval())))
			.orElse(true);
	}

	private void runOnce(String module) throws SQLException {
		try (var connection = dataSource.getConnection(); var lock = connection.prepareStatement(
				"SELECT pg_try_advisory_lock(hashtext('legacy_sync.reconciliation'), hashtext(?))")) {
			lock.setString(1, module);
			try (var result = lock.executeQuery()) {
				if (!result.next() || !result.getBoolean(1)) {
					return;
				}
			}
			try {
				// Another instance may have finished it while this one waited for the lock.
				if (due(module)) {
					reconciliation.reconcile(module, "schedule");
				}
			}
			finally {
				try (var unlock = connection.prepareStatement(
						"SELECT pg_advisory_unlock(hashtext('legacy_sync.reconciliation'), hashtext(?))")) {
					unlock.setString(1, module);
					unlock.execute();
				}
			}
		}
	}
}
