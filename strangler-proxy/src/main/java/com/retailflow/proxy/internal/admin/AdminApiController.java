package com.retailflow.proxy.internal.admin;

import java.math.BigDecimal;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.retailflow.proxy.AuditEntry;
import com.retailflow.proxy.Mode;
import com.retailflow.proxy.RouteManagement;
import com.retailflow.proxy.RouteManagement.CutoverRefused;
import com.retailflow.proxy.RouteManagement.InvalidRouteChange;
import com.retailflow.proxy.RouteManagement.RouteChange;
import com.retailflow.proxy.RouteManagement.RouteNotFound;
import com.retailflow.proxy.RouteView;
import com.retailflow.proxy.internal.shadow.ShadowStats;
import com.retailflow.proxy.internal.traffic.TrafficHistory;
import com.retailflow.proxy.internal.visits.Assignments;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The migration team's API (BRIEF §5). Every endpoint requires the ADMIN role (see AdminSecurity). */
@RestController
@RequestMapping("/admin/api")
class AdminApiController {

	/** The body of a flip. */
	record ChangeJson(Mode mode, BigDecimal percent, String reason, Boolean force) {
	}

	private final RouteManagement routes;
	private final Assignments assignments;
	private final ShadowStats shadows;
	private final TrafficHistory traffic;

	AdminApiController(RouteManagement routes, Assignments assignments, ShadowStats shadows, TrafficHistory traffic) {
		this.routes = routes;
		this.assignments = assignments;
		this.shadows = shadows;
		this.traffic = traffic;
	}

	@GetMapping("/routes/{id}/traffic")
	List<TrafficHistory.Point> traffic(@PathVariable String id) {
		routes.route(id).orElseThrow(() -> new RouteNotFound(id));
		return traffic.of(id);
	}

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
	List<Map<String, Object>> migration() {
		return routes.routes().stream().map(route -> {
			Map<String, Object> module = new LinkedHashMap<>();
			module.put("module", route.module());
			module.put("route", route.id());
			module.put("mode", route.mode());
			module.put("percent", route.percent());
			module.put("systemOfRecord", route.mode() == Mode.NEW ? "new" : "legacy");
			// Filled in by the legacy adapter once data sync reports its state.
			module.put("syncLagSeconds", null);
			module.put("lastReconciliation", null);
			var shadow = shadows.report(route.id());
			module.put("shadowComparisons", shadow.comparisons());
			module.put("shadowDifferenceRate", shadow.differenceRate());
			module.put("shadowNoiseRate", shadow.noiseRate());
			return module;
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

	@ExceptionHandler(CutoverRefused.class)
	ProblemDetail refused(CutoverRefused ex) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Cut-over gate closed");
		problem.setProperty("failures", ex.report().failures());
		problem.setProperty("hint", "fix the failing conditions, or send \"force\": true with a reason");
		return problem;
	}
}
