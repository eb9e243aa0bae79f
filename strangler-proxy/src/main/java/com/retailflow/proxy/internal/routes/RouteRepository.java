package com.retailflow.proxy.internal.routes;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.retailflow.proxy.AuditEntry;
import com.retailflow.proxy.Mode;
import com.retailflow.proxy.internal.ProxySettings;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The route table and its audit log in schema {@code proxy}. */
@Repository
public class RouteRepository {

	private final JdbcClient jdbc;

	public RouteRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Route> findAll() {
		return jdbc.sql("SELECT * FROM proxy.routes ORDER BY id").query((rs, n) -> route(rs)).list();
	}

	public Optional<Route> find(String id) {
		return jdbc.sql("SELECT * FROM proxy.routes WHERE id = ?").param(id).query((rs, n) -> route(rs)).optional();
	}

	/** Highest version in the table: the cheap question every instance asks to notice a flip. */
	public long version() {
		return jdbc.sql("SELECT coalesce(max(version), 0) FROM proxy.routes").query(Long.class).single();
	}

	/** Inserts the seed routes that do not exist yet; existing rows (and their modes) are never touched. */
	public void seed(List<ProxySettings.RouteSeed> seeds) {
		for (var seed : seeds) {
			jdbc.sql("""
					INSERT INTO proxy.routes (id, module, legacy_patterns, new_patterns, salt, version)
					VALUES (:id, :module, :legacy, :new, :salt, nextval('proxy.routes_version_seq'))
					ON CONFLICT (id) DO NOTHING""")
				.param("id", seed.id())
				.param("module", seed.module())
				.param("legacy", seed.legacyPatterns().toArray(String[]::new))
				.param("new", seed.newPatterns().toArray(String[]::new))
				.param("salt", UUID.randomUUID().toString())
				.update();
		}
	}

	/** Changes mode and percent and writes the audit entry, in the caller's transaction. */
	public void change(Route from, Mode mode, int percentBp, String actor, String reason, boolean forced, boolean automatic) {
		jdbc.sql("""
				UPDATE proxy.routes SET mode = :mode, percent_bp = :percent, updated_at = now(), updated_by = :actor,
				       version = nextval('proxy.routes_version_seq')
				WHERE id = :id""")
			.param("mode", mode.name())
			.param("percent", percentBp)
			.param("actor", actor)
			.param("id", from.id())
			.update();
		jdbc.sql("""
				INSERT INTO proxy.route_audit (route_id, actor, from_mode, from_percent, to_mode, to_percent, reason, forced, automatic)
				VALUES (:id, :actor, :fromMode, :fromPercent, :toMode, :toPercent, :reason, :forced, :automatic)""")
			.param("id", from.id())
			.param("actor", actor)
			.param("fromMode", from.mode().name())
			.param("fromPercent", from.percentBp())
			.param("toMode", mode.name())
			.param("toPercent", percentBp)
			.param("reason", reason)
			.param("forced", forced)
			.param("automatic", automatic)
			.update();
	}

	public List<AuditEntry> history(String routeId) {
		return jdbc.sql("SELECT * FROM proxy.route_audit WHERE route_id = ? ORDER BY at DESC, id DESC")
			.param(routeId)
			.query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getString("route_id"),
					rs.getTimestamp("at").toInstant(), rs.getString("actor"), Mode.valueOf(rs.getString("from_mode")),
					Route.percent(rs.getInt("from_percent")), Mode.valueOf(rs.getString("to_mode")),
					Route.percent(rs.getInt("to_percent")), rs.getString("reason"), rs.getBoolean("forced"),
					rs.getBoolean("automatic")))
			.list();
	}

	private static Route route(ResultSet rs) throws SQLException {
		return Route.of(rs.getString("id"), rs.getString("module"), strings(rs.getArray("legacy_patterns")),
				strings(rs.getArray("new_patterns")), Mode.valueOf(rs.getString("mode")), rs.getInt("percent_bp"),
				rs.getString("salt"), rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"),
				rs.getLong("version"));
	}

	private static List<String> strings(Array array) throws SQLException {
		return Arrays.asList((String[]) array.getArray());
	}
}
