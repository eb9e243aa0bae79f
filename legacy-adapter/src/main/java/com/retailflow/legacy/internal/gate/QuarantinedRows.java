package com.retailflow.legacy.internal.gate;

import java.sql.PreparedStatement;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Legacy rows the change stream has quarantined ({@code legacy_sync.quarantine}, created by the stream's migration):
 * rows it could not translate or the module refused. Each one is drift until a later change of the row applies.
 * Counted as none while the stream's table does not exist.
 */
@Component
class QuarantinedRows {

	private final JdbcTemplate jdbc;

	QuarantinedRows(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	long of(List<String> legacyTables) {
		Boolean exists = jdbc.queryForObject("SELECT to_regclass('legacy_sync.quarantine') IS NOT NULL", Boolean.class);
		if (!Boolean.TRUE.equals(exists)) {
			return 0;
		}
		Long count = jdbc.query(connection -> {
			PreparedStatement statement = connection
				.prepareStatement("SELECT count(*) FROM legacy_sync.quarantine WHERE table_name = ANY (?)");
			statement.setArray(1, connection.createArrayOf("text", legacyTables.toArray()));
			return statement;
		}, rs -> rs.next() ? rs.getLong(1) : 0L);
		return count == null ? 0 : count;
	}
}
