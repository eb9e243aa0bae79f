package com.retailflow.inventory.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** {@code timestamptz} ↔ {@link Instant}: the PostgreSQL driver speaks {@link OffsetDateTime}, not {@code Instant}. */
final class Timestamps {

	private Timestamps() {
	}

	static OffsetDateTime toDatabase(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	static Instant fromDatabase(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}
}
