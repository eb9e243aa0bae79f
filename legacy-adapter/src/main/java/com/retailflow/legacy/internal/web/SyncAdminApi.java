package com.retailflow.legacy.internal.web;

import java.security.Principal;
import java.util.List;

import com.retailflow.legacy.internal.backfill.BackfillProgress;
import com.retailflow.legacy.internal.reconciliation.Reconciliation;
import com.retailflow.legacy.internal.reconciliation.Reconciliation.Repair;
import com.retailflow.legacy.internal.reconciliation.Reconciliation.UnknownModule;
import com.retailflow.legacy.internal.reconciliation.ReconciliationReport;
import com.retailflow.legacy.internal.reconciliation.ReconciliationReports;
import com.retailflow.legacy.internal.tables.SyncedTables;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The migration team's handle on data sync: reconcile now, read the latest report, repair what it found, see the
 * backfill. Under {@code /admin/api}, so the proxy's admin security requires the ADMIN role for all of it.
 */
@RestController
@RequestMapping("/admin/api/sync")
class SyncAdminApi {

	private final Reconciliation reconciliation;
	private final ReconciliationReports reports;
	private final BackfillProgress backfill;
	private final SyncedTables tables;

	SyncAdminApi(Reconciliation reconciliation, ReconciliationReports reports, BackfillProgress backfill,
			SyncedTables tables) {
		this.reconciliation = reconciliation;
		this.reports = reports;
		this.backfill = backfill;
		this.tables = tables;
	}

	/** Runs a reconciliation of the module now and returns its report. */
	@PostMapping("/{module}/reconcile")
	ReconciliationReport reconcile(@PathVariable String module, Principal principal) {
		return reconciliation.reconcile(module, principal.getName());
	}

	/** The module's latest report; 404 if it was never reconciled. */
	@GetMapping("/{module}/reconciliation")
	ReconciliationReport latest(@PathVariable String module) {
		known(module);
		return reports.latestReport(module)
			.orElseThrow(() -> new NotFound("Module '" + module + "' has not been reconciled yet"));
	}

	/** Re-syncs the rows the latest report found missing on the new side or different, then reconciles again. */
	@PostMapping("/{module}/repair")
	Repair repair(@PathVariable String module, Principal principal) {
		return reconciliation.repair(module, principal.getName());
	}

	@GetMapping("/backfill")
	List<BackfillProgress.State> backfill() {
		return backfill.all();
	}

	private void known(String module) {
		if (tables.of(module).isEmpty()) {
			throw new UnknownModule(module);
		}
	}

	@ExceptionHandler(UnknownModule.class)
	ProblemDetail unknown(UnknownModule ex) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Unknown module");
		problem.setProperty("modules", tables.modules());
		return problem;
	}

	@ExceptionHandler(NotFound.class)
	ProblemDetail notFound(NotFound ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	static final class NotFound extends RuntimeException {

		NotFound(String message) {
			super(message);
		}
	}
}
