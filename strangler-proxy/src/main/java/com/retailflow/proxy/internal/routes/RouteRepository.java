package com.retailflow.proxy.internal.routes;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.retailflow.proxy.AuditEntry;
import com.retailflow.proxy.Mode;
import com.retailflow.proxy.internal.ProxySettings;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The route table and its audit log in schema {@code proxy}, through the proxy's own pool. */
@Repository
class RouteRepository {

	static final String AUTOMATIC_ACTOR = "proxy:auto-fallback";

	private final JdbcClient jdbc;

	RouteRepository(ProxyDatabase database) {
		this.jdbc = database.jdbc();
	}

	List<Route> findAll() {
		return jdbc.sql("SELECT * FROM proxy.routes ORDER BY id").query((rs, n) -> route(rs)).list();
	}

	/** The route, locked until the end of the caller's transaction (so concurrent flips audit the right "from"). */
	Optional<Route> findForUpdate(String id) {
		return jdbc.sql("SELECT * FROM proxy.routes WHERE id = ? FOR UPDATE").param(id).query((rs, n) -> route(rs)).optional();
	}

	/**
	 * Changes whenever any row's committed state changes, whatever the order in which concurrent flips drew
	 * their versions and committed: every update raises its row's version, so the sum only grows.
	 */
	String changeMarker() {
		return jdbc.sql("SELECT count(*) || ':' || coalesce(sum(version), 0) FROM proxy.routes").query(String.class).single();
	}

	static String changeMarker(List<Route> routes) {
		return routes.size() + ":" + routes.stream().mapToLong(Route::version).sum();
	}

	/** Inserts the seed routes that do not exist yet; existing rows (and their modes) are never touched. */
	void seed(List<ProxySettings.RouteSeed> seeds) {
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

	/**
	 * An operator's change of mode and percent, with its audit entry, in the caller's transaction. It ends any
	 * automatic fallback and resets their count: the operator has decided.
	 */
	void change(Route from, Mode mode, int percentBp, String actor, String reason, boolean forced, Instant at) {
		jdbc.sql("""
				UPDATE proxy.routes SET mode = :mode, percent_bp = :percent, updated_at = :at, updated_by = :actor,
				       fallback_until = NULL, fallback_count = 0, version = nextval('proxy.routes_version_seq'),
				       generation = generation + CASE WHEN :mode IN ('LEGACY', 'SHADOW') THEN 1 ELSE 0 END
				WHERE id = :id""")
			.param("mode", mode.name())
			.param("percent", percentBp)
			.param("at", Timestamp.from(at))
			.param("actor", actor)
			.param("id", from.id())
			.update();
		audit(from.id(), actor, from.mode(), from.percentBp(), mode, percentBp, reason, forced, false, at);
	}

	/** Records an automatic fallback (legacy answers until {@code until}); the chosen mode stays. */
	void fallBack(String id, Instant until, int count, String reason, Instant at) {
		var route = findForUpdate(id);
		if (route.isEmpty()) {
			return;
		}
		jdbc.sql("""
				UPDATE proxy.routes SET fallback_until = :until, fallback_count = :count,
				       version = nextval('proxy.routes_version_seq')
				WHERE id = :id""")
			.param("until", Timestamp.from(until))
			.param("count", count)
			.param("id", id)
			.update();
		audit(id, AUTOMATIC_ACTOR, route.get().mode(), route.get().percentBp(), Mode.LEGACY, 0, reason, false, true, at);
	}

	/** An automatic audit entry that changes nothing: the route's mode stays, from and to (a breaker transition). */
	void note(String id, String actor, String reason, Instant at) {
		jdbc.sql("SELECT * FROM proxy.routes WHERE id = ?").param(id).query((rs, n) -> route(rs)).optional()
			.ifPresent(route -> audit(id, actor, route.mode(), route.percentBp(), route.mode(), route.percentBp(),
					reason, false, true, at));
	}

	/** Ends the automatic fallbacks whose time is up, once across all instances, and audits the return. */
	List<String> endExpiredFallbacks() {
		var ended = jdbc.sql("""
				UPDATE proxy.routes SET fallback_until = NULL, version = nextval('proxy.routes_version_seq')
				WHERE fallback_until <= now()
				RETURNING id, mode, percent_bp""")
			.query((rs, n) -> new Object[] { rs.getString("id"), Mode.valueOf(rs.getString("mode")), rs.getInt("percent_bp") })
			.list();
		for (Object[] row : ended) {
			Mode mode = (Mode) row[1];
			audit((String) row[0], AUTOMATIC_ACTOR, Mode.LEGACY, 0, mode, (Integer) row[2],
					"automatic fallback ended: back to " + mode + ", the new side is tried again", false, true,
					Instant.now());
		}
		return ended.stream().map(row -> (String) row[0]).toList();
	}

	private void audit(String routeId, String actor, Mode fromMode, int fromPercent, Mode toMode, int toPercent,
			String reason, boolean forced, boolean automatic, Instant at) {
		jdbc.sql("""
				INSERT INTO proxy.route_audit (route_id, at, actor, from_mode, from_percent, to_mode, to_percent, reason, forced, automatic)
				VALUES (:id, :at, :actor, :fromMode, :fromPercent, :toMode, :toPercent, :reason, :forced, :automatic)""")
			.param("id", routeId)
			.param("at", Timestamp.from(at))
			.param("actor", actor)
			.param("fromMode", fromMode.name())
			.param("fromPercent", fromPercent)
			.param("toMode", toMode.name())
			.param("toPercent", toPercent)
			.param("reason", reason)
			.param("forced", forced)
			.param("automatic", automatic)
			.update();
	}

	List<AuditEntry> history(String routeId) {
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
		Timestamp fallbackUntil = rs.getTimestamp("fallback_until");
		return Route.of(rs.getString("id"), rs.getString("module"), strings(rs.getArray("legacy_patterns")),
				strings(rs.getArray("new_patterns")), Mode.valueOf(rs.getString("mode")), rs.getInt("percent_bp"),
				rs.getString("salt"), rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"),
				rs.getLong("version"), fallbackUntil == null ? null : fallbackUntil.toInstant(), rs.getInt("fallback_count"),
				rs.getInt("generation"));
	}

	private static List<String> strings(Array array) throws SQLException {
		return Arrays.asList((String[]) array.getArray());
	}
}
