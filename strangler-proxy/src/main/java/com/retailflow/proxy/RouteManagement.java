package com.retailflow.proxy;

import java.util.List;
import java.util.Optional;

/** The migration team's handle on the route table: read routes, flip them, read their history. */
public interface RouteManagement {

	List<RouteView> routes();

	Optional<RouteView> route(String id);

	/**
	 * Changes a route's mode. Going back to {@code LEGACY} is never refused, not even while the route table's
	 * database is unreachable (this instance then holds the rollback and writes it when it can); sending every
	 * shopper to the new side ({@code NEW}, or {@code CANARY} at 100 %) is refused while the cut-over gate
	 * fails, unless forced.
	 *
	 * @throws RouteNotFound for an unknown route
	 * @throws InvalidRouteChange for an invalid mode, percent or a missing reason
	 * @throws CutoverRefused when the gate is closed and the change is not forced
	 * @throws RouteTableUnavailable when the route table cannot be written (for any change but a rollback)
	 */
	RouteView change(String id, RouteChange change, String actor);

	List<AuditEntry> history(String id);

	/**
	 * The route's shadow results over the configured recent window, across all instances.
	 *
	 * @throws RouteNotFound for an unknown route
	 */
	ShadowSummary shadowSummary(String id);

	/** A requested change, as the admin API receives it. */
	record RouteChange(Mode mode, java.math.BigDecimal percent, String reason, boolean force) {
	}

	/** No route with that id. */
	final class RouteNotFound extends RuntimeException {

		public RouteNotFound(String id) {
			super("No route '" + id + "'");
		}
	}

	/** The route table's database did not answer in time. */
	final class RouteTableUnavailable extends RuntimeException {

		public RouteTableUnavailable(Throwable cause) {
			super("The route table is unreachable right now; only a rollback to LEGACY is accepted", cause);
		}
	}

	/** The change itself is malformed. */
	final class InvalidRouteChange extends RuntimeException {

		public InvalidRouteChange(String message) {
			super(message);
		}
	}

	/** The cut-over gate refused a flip to NEW. */
	final class CutoverRefused extends RuntimeException {

		private final transient GateReport report;

		public CutoverRefused(GateReport report) {
			super("The cut-over gate is closed: " + String.join("; ", report.failures()));
			this.report = report;
		}

		public GateReport report() {
			return report;
		}
	}
}
