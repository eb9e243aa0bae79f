package com.retailflow.legacy.internal.gate;

import java.util.Optional;

import com.retailflow.legacy.internal.SyncLag;
import com.retailflow.legacy.internal.reconciliation.ReconciliationReports;
import com.retailflow.proxy.SyncStatus;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The migration status per module, as the admin API and console show it: lag and the last reconciliation. */
@Component
class AdapterSyncStatus implements SyncStatus {

	private final ObjectProvider<SyncLag> lag;
	private final ReconciliationReports reports;

	AdapterSyncStatus(ObjectProvider<SyncLag> lag, ReconciliationReports reports) {
		this.lag = lag;
		this.reports = reports;
	}

	@Override
	public ModuleSync of(String module) {
		Double lagSeconds = Optional.ofNullable(lag.getIfAvailable()).flatMap(stream -> stream.of(module))
			.map(duration -> duration.toMillis() / 1000.0)
			.orElse(null);
		var last = reports.latest(module).map(latest -> new LastReconciliation(latest.finishedAt(), latest.driftRows()))
			.orElse(null);
		return new ModuleSync(lagSeconds, last);
	}
}
