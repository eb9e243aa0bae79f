package com.retailflow.proxy.internal.routes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.retailflow.proxy.internal.ProxySettings;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This instance's copy of the route table: an immutable snapshot swapped atomically, so a request decides on
 * one consistent table and a flip never disturbs a request already in flight. Every instance polls a change
 * marker (see ADR 0004) and re-reads the whole table when it moved, so a flip is seen everywhere within the
 * interval, whatever order concurrent flips committed in.
 *
 * <p>On top of the table, this instance may hold a route on legacy that the table does not show yet: an
 * automatic fallback or an operator's rollback whose write has not reached the database (it may be down).
 * Requests see the held state at once; the table catches up when the write succeeds.
 */
@Component
public class RouteTable {

	/** A route matched by a request path, and whether the path is one of the route's legacy URLs. */
	public record Match(Route route, boolean legacyUrl) {
	}

	private record Snapshot(String marker, List<Route> routes) {
	}

	/** Legacy answers a route until {@code until} (null: until the table shows a change by an operator). */
	private record Hold(String because, @Nullable Instant until, @Nullable Route changed) {
	}

	private static final Logger log = LoggerFactory.getLogger(RouteTable.class);

	private final RouteRepository repository;
	private final ProxySettings settings;
	private final Map<String, Hold> holds = new ConcurrentHashMap<>();
	private volatile @Nullable Snapshot snapshot;

	RouteTable(RouteRepository repository, ProxySettings settings) {
		this.repository = repository;
		this.settings = settings;
	}

	/** Seeds and loads the table. */
	void seedAndLoad() {
		repository.seed(settings.routes());
		reload();
	}

	@Scheduled(fixedDelayString = "${retailflow.proxy.refresh-interval:500ms}")
	void refreshIfChanged() {
		try {
			var current = snapshot;
			if (current == null) {
				seedAndLoad();
			}
			else if (!repository.changeMarker().equals(current.marker())) {
				reload();
			}
		}
		catch (RuntimeException ex) {
			// Keep routing on the last known table; the database may be back on the next tick.
			log.warn("Route table refresh failed, keeping the last table: {}", ex.getMessage());
		}
	}

	/** Reads the whole table; serialised, so a slower, older read can never replace a newer table. */
	synchronized void reload() {
		var routes = repository.findAll();
		snapshot = new Snapshot(RouteRepository.changeMarker(routes), routes);
	}

	/** False until the table was read once: until then no request can be routed (see {@link RouteTableStartup}). */
	public boolean loaded() {
		return snapshot != null;
	}

	/** The routes as the table has them (chosen modes), with this instance's held rollbacks applied. */
	public List<Route> routes() {
		var current = snapshot;
		return current == null ? List.of() : current.routes().stream().map(this::chosen).toList();
	}

	public Optional<Route> route(String id) {
		return routes().stream().filter(route -> route.id().equals(id)).findFirst();
	}

	/** The route as requests get it now: legacy while an automatic fallback or a rollback holds it. */
	public Optional<Route> serving(String id) {
		return route(id).map(route -> serving(route, Instant.now()));
	}

	/** Legacy URL patterns win over new ones, so {@code /} (both) counts as a legacy URL. */
	public Optional<Match> match(String path) {
		var current = snapshot;
		if (current == null) {
			return Optional.empty();
		}
		var container = PathContainer.parsePath(path);
		for (Route route : current.routes()) {
			if (route.matchesLegacy(container)) {
				return Optional.of(new Match(serving(chosen(route), Instant.now()), true));
			}
		}
		for (Route route : current.routes()) {
			if (route.matchesNew(container)) {
				return Optional.of(new Match(serving(chosen(route), Instant.now()), false));
			}
		}
		return Optional.empty();
	}

	/** True when the table records an automatic fallback whose time is up (so its end is still to be written). */
	boolean anyFallbackEnded(Instant now) {
		var current = snapshot;
		return current != null && current.routes().stream()
			.anyMatch(route -> route.fallbackUntil() != null && !now.isBefore(route.fallbackUntil()));
	}

	/** Holds a route on legacy on this instance until the given time (an automatic fallback). */
	void holdOnLegacy(String id, String because, Instant until) {
		holds.put(id, new Hold(because, until, null));
	}

	/** Holds an operator's change on this instance until the table shows it (the write is retried). */
	void holdChange(Route changed, String because) {
		holds.put(changed.id(), new Hold(because, null, changed));
	}

	void release(String id) {
		holds.remove(id);
	}

	/** True while this instance holds the route on legacy for an automatic fallback that has not ended. */
	boolean fallbackHeld(String id, Instant now) {
		var hold = holds.get(id);
		return hold != null && hold.until() != null && now.isBefore(hold.until());
	}

	/** Until when this instance holds the route on legacy (null: no hold, or until the table has the change). */
	@Nullable Instant holdUntil(String id) {
		var hold = holds.get(id);
		return hold == null ? null : hold.until();
	}

	private Route chosen(Route route) {
		var hold = holds.get(route.id());
		return hold != null && hold.changed() != null ? hold.changed() : route;
	}

	private Route serving(Route route, Instant now) {
		var hold = holds.get(route.id());
		if (hold != null) {
			if (hold.until() == null || now.isBefore(hold.until())) {
				return route.heldOnLegacy(hold.because());
			}
			holds.remove(route.id(), hold);
		}
		if (route.fallingBackAt(now)) {
			return route.heldOnLegacy("automatic fallback to legacy until " + route.fallbackUntil());
		}
		return route;
	}
}
