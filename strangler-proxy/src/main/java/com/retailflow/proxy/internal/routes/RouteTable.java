package com.retailflow.proxy.internal.routes;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.retailflow.proxy.internal.ProxySettings;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.server.PathContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This instance's copy of the route table: an immutable snapshot swapped atomically, so a request decides on
 * one consistent table and a flip never disturbs a request already in flight. Every instance polls the
 * table's version (see ADR 0004) and reloads when it moved, so a flip is seen everywhere within the interval.
 */
@Component
public class RouteTable {

	/** A route matched by a request path, and whether the path is one of the route's legacy URLs. */
	public record Match(Route route, boolean legacyUrl) {
	}

	private record Snapshot(long version, List<Route> routes) {
	}

	private static final Logger log = LoggerFactory.getLogger(RouteTable.class);

	private final RouteRepository repository;
	private final ProxySettings settings;
	private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(new Snapshot(-1, List.of()));

	public RouteTable(RouteRepository repository, ProxySettings settings) {
		this.repository = repository;
		this.settings = settings;
	}

	@EventListener(ApplicationReadyEvent.class)
	public void seedAndLoad() {
		repository.seed(settings.routes());
		reload();
	}

	@Scheduled(fixedDelayString = "${retailflow.proxy.refresh-interval:500ms}")
	public void refreshIfChanged() {
		try {
			if (repository.version() != snapshot.get().version()) {
				reload();
			}
		}
		catch (RuntimeException ex) {
			// Keep routing on the last known table; the database may be back on the next tick.
			log.warn("Route table refresh failed, keeping version {}: {}", snapshot.get().version(), ex.getMessage());
		}
	}

	/**
	 * Reads the table and installs it. Synchronized: a poll that read the table just before a flip committed must not
	 * install its older snapshot after the flip's own reload.
	 */
	public synchronized void reload() {
		long version = repository.version();
		var routes = repository.findAll();
		snapshot.set(new Snapshot(version, routes));
	}

	public List<Route> routes() {
		return snapshot.get().routes();
	}

	public Optional<Route> route(String id) {
		return routes().stream().filter(route -> route.id().equals(id)).findFirst();
	}

	/** Legacy URL patterns win over new ones, so {@code /} (both) counts as a legacy URL. */
	public Optional<Match> match(String path) {
		var container = PathContainer.parsePath(path);
		for (Route route : routes()) {
			if (route.matchesLegacy(container)) {
				return Optional.of(new Match(route, true));
			}
		}
		for (Route route : routes()) {
			if (route.matchesNew(container)) {
				return Optional.of(new Match(route, false));
			}
		}
		return Optional.empty();
	}
}
