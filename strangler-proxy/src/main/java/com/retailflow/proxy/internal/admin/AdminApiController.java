package com.retailflow.proxy.internal.admin;

import java.math.BigDecimal;
import java.security.Principal;
import java.util.List;

import com.retailflow.proxy.AuditEntry;
import com.retailflow.proxy.Mode;
import com.retailflow.proxy.RouteManagement;
import com.retailflow.proxy.SyncStatus;
import com.retailflow.proxy.SyncStatus.LastReconciliation;
import com.retailflow.proxy.RouteManagement.CutoverRefused;
import com.retailflow.proxy.RouteManagement.InvalidRouteChange;
import com.retailflow.proxy.RouteManagement.RouteChange;
import com.retailflow.proxy.RouteManagement.RouteNotFound;
import com.retailflow.proxy.RouteManagement.RouteTableUnavailable;
import com.retailflow.proxy.RouteView;
import com.retailflow.proxy.internal.routing.Assignments;
import com.retailflow.proxy.internal.shadow.ShadowStats;
import com.retailflow.proxy.internal.traffic.TrafficHistory;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The migration team's API . Every endpoint requires the ADMIN role (see AdminSecurity); every error is a problem (RFC 9457). */
@RestController
@RequestMapping("/admin/api")
class AdminApiController {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AdminApiController.class);

	/** The body of a flip. */
	record ChangeJson(Mode mode, BigDecimal percent, String reason, Boolean force) {
	}

	/**
	 * One module's migration status.
	 *
	 * @param systemOfRecord {@code new} once every shopper goes to the new side (NEW, or CANARY at 100 %), else
	 *        {@code legacy}
	 * @param syncLagSeconds how far the new side trails legacy; null without sync status
	 * @param lastReconciliation the latest comparison of both sides; null if there was none
	 */
	record ModuleMigration(String module, String route, Mode mode, BigDecimal percent, String systemOfRecord,
			@Nullable Double syncLagSeconds, @Nullable LastReconciliation lastReconciliation, long shadowComparisons,
			double shadowDifferenceRate, double shadowNoiseRate, double shadowAdjustedDifferenceRate) {
	}

	private final RouteManagement routes;
	private final Assignments assignments;
	private final ShadowStats shadows;
	private final TrafficHistory traffic;
	private final SyncStatus sync;

	AdminApiController(RouteManagement routes, Assignments assignments, ShadowStats shadows, TrafficHistory traffic,
			ObjectProvider<SyncStatus> sync) {
		this.routes = routes;
		this.assignments = assignments;
		this.shadows = shadows;
		this.traffic = traffic;
		this.sync = sync.getIfAvailable(() -> module -> SyncStatus.ModuleSync.NONE);
	}

	@GetMapping("/routes/{id}/traffic")
	List<TrafficHistory.Point> traffic(@PathVariable String id) {
		routes.route(id).orElseThrow(() -> new RouteNotFound(id));
		return traffic.of(id);
	}

	/** The route's shadow summary (cluster-wide, recent window), the last hour by minute, and differing samples. */
	@GetMapping("/routes/{id}/shadow")
	ShadowStats.Report shadow(@PathVariable String id) {
		routes.route(id).orElseThrow(() -> new RouteNotFound(id));
		return shadows.report(id);
	}

	@GetMapping("/routes")
	List<RouteView> routes() {
		return routes.routes();
	}

	@PutMapping("/routes/{id}")
	RouteView change(@PathVariable String id, @RequestBody ChangeJson body, Principal principal) {
		var change = new RouteChange(body.mode(), body.percent(), body.reason(), Boolean.TRUE.equals(body.force()));
		return routes.change(id, change, principal.getName());
	}

	@GetMapping("/routes/{id}/history")
	List<AuditEntry> history(@PathVariable String id) {
		return routes.history(id);
	}

	@GetMapping("/routes/{id}/assignment")
	Assignments.Assignment assignment(@PathVariable String id, @RequestParam String shopper) {
		if (shopper.isBlank()) {
			throw new InvalidRouteChange("shopper must not be blank");
		}
		return assignments.of(id, shopper).orElseThrow(() -> new RouteNotFound(id));
	}

	@GetMapping("/migration")
	List<ModuleMigration> migration() {
		return routes.routes().stream().map(route -> {
			boolean allOnNew = route.mode() == Mode.NEW
					|| (route.mode() == Mode.CANARY && route.percent().compareTo(BigDecimal.valueOf(100)) == 0);
			var status = sync.of(route.module());
			var shadow = routes.shadowSummary(route.id());
			return new ModuleMigration(route.module(), route.id(), route.mode(), route.percent(),
					allOnNew ? "new" : "legacy", status.lagSeconds(), status.lastReconciliation(), shadow.comparisons(),
					shadow.differenceRate(), shadow.noiseRate(), shadow.adjustedDifferenceRate());
		}).toList();
	}

	@ExceptionHandler(RouteNotFound.class)
	ProblemDetail notFound(RouteNotFound ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(InvalidRouteChange.class)
	ProblemDetail invalid(InvalidRouteChange ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	/** Anything else is a problem too, never Boot's default error body; its own status when it has one. */
	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		if (ex instanceof ErrorResponse error) {
			return error.getBody();
		}
		if (ex instanceof HttpMessageNotReadableException) {
			return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The body is not valid JSON for this call.");
		}
		log.error("Admin API call failed", ex);
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The admin API could not answer; see the application log.");
		problem.setTitle("Admin API error");
		return problem;
	}

	@ExceptionHandler(RouteTableUnavailable.class)
	ProblemDetail unavailable(RouteTableUnavailable ex) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("Route table unavailable");
		return problem;
	}

	@ExceptionHandler(CutoverRefused.class)
	ProblemDetail refused(CutoverRefused ex) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Cut-over gate closed");
		problem.setProperty("failures", ex.report().failures());
		problem.setProperty("hint", "fix the failing conditions, or send \"force\": true with a reason");
		return problem;
	}
}
