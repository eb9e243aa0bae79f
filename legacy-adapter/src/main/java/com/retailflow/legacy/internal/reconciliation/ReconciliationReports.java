package com.retailflow.legacy.internal.reconciliation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.retailflow.legacy.internal.reconciliation.ReconciliationReport.Difference;
import com.retailflow.legacy.internal.reconciliation.ReconciliationReport.Kind;
import com.retailflow.legacy.internal.reconciliation.ReconciliationReport.TableReport;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Reports kept in {@code legacy_sync.reconciliation*}. */
@Repository
public class ReconciliationReports {

	/** The headline of a report: enough for the gate and the migration status. */
	public record Summary(long id, String module, Instant finishedAt, long driftRows) {
	}

	private final JdbcClient jdbc;

	ReconciliationReports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores a report (its id is assigned here) and prunes the module's oldest beyond {@code keep}. */
	@Transactional
	ReconciliationReport save(ReconciliationReport report, int keep) {
		long id = jdbc.sql("""
				INSERT INTO legacy_sync.reconciliation (module, started_at, finished_at, triggered_by, drift_rows)
				VALUES (?, ?, ?, ?, ?) RETURNING id""")
			.params(report.module(), utc(report.startedAt()), utc(report.finishedAt()), report.triggeredBy(),
					report.driftRows())
			.query(Long.class)
			.single();
		for (TableReport table : report.tables()) {
			jdbc.sql("""
					INSERT INTO legacy_sync.reconciliation_table (reconciliation_id, table_name, legacy_rows, new_rows,
					  ranges_compared, missing_on_new, missing_on_legacy, different, untranslatable, keys_truncated)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(id, table.table(), table.legacyRows(), table.newRows(), table.rangesCompared(),
						table.missingOnNew(), table.missingOnLegacy(), table.different(), table.untranslatable(),
						table.keysTruncated())
				.update();
			for (Difference difference : table.differences()) {
				jdbc.sql("""
						INSERT INTO legacy_sync.reconciliation_difference (reconciliation_id, table_name, row_key, kind,
						  reason) VALUES (?, ?, ?, ?, ?)""")
					.params(id, table.table(), difference.key(), difference.kind().name(), difference.reason())
					.update();
			}
		}
		jdbc.sql("""
				DELETE FROM legacy_sync.reconciliation WHERE module = ? AND id NOT IN (
				  SELECT id FROM legacy_sync.reconciliation WHERE module = ? ORDER BY finished_at DESC, id DESC LIMIT ?)""")
			.params(report.module(), report.module(), keep)
			.update();
		return new ReconciliationReport(id, report.module(), report.startedAt(), report.finishedAt(),
				report.triggeredBy(), report.driftRows(), report.tables());
	}

	public Optional<Summary> latest(String module) {
		return jdbc.sql("""
				SELECT id, module, finished_at, drift_rows FROM legacy_sync.reconciliation WHERE module = ?
				ORDER BY finished_at DESC, id DESC LIMIT 1""")
			.param(module)
			.query((rs, n) -> new Summary(rs.getLong("id"), rs.getString("module"), instant(rs, "finished_at"),
					rs.getLong("drift_rows")))
			.optional();
	}

	/** The full latest report of a module, with its listed keys. */
	public Optional<ReconciliationReport> latestReport(String module) {
		return latest(module).map(summary -> load(summary.id()));
	}

	private ReconciliationReport load(long id) {
		Map<String, List<Difference>> differences = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT table_name, row_key, kind, reason FROM legacy_sync.reconciliation_difference
				WHERE reconciliation_id = ? ORDER BY table_name, kind, row_key""")
			.param(id)
			.query(rs -> {
				differences.computeIfAbsent(rs.getString("table_name"), table -> new ArrayList<>())
					.add(new Difference(rs.getString("row_key"), Kind.valueOf(rs.getString("kind")), rs.getString("reason")));
			});
		var tables = jdbc.sql("""
				SELECT * FROM legacy_sync.reconciliation_table WHERE reconciliation_id = ? ORDER BY table_name""")
			.param(id)
			.query((rs, n) -> new TableReport(rs.getString("table_name"), rs.getLong("legacy_rows"),
					rs.getLong("new_rows"), rs.getLong("ranges_compared"), rs.getLong("missing_on_new"),
					rs.getLong("missing_on_legacy"), rs.getLong("different"), rs.getLong("untranslatable"),
					rs.getBoolean("keys_truncated"), differences.getOrDefault(rs.getString("table_name"), List.of())))
			.list();
		return jdbc.sql("SELECT * FROM legacy_sync.reconciliation WHERE id = ?")
			.param(id)
			.query((rs, n) -> new ReconciliationReport(id, rs.getString("module"), instant(rs, "started_at"),
					instant(rs, "finished_at"), rs.getString("triggered_by"), rs.getLong("drift_rows"), tables))
			.single();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}
}
