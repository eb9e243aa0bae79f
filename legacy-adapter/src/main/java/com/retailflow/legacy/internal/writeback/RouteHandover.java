package com.retailflow.legacy.internal.writeback;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.retailflow.legacy.internal.sync.PendingLegacyChanges;
import com.retailflow.legacy.internal.sync.SyncSettings;
import com.retailflow.proxy.GateReport;
import com.retailflow.proxy.Mode;
import com.retailflow.proxy.OwnershipHandover;
import com.retailflow.proxy.RouteManagement.CutoverRefused;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.stereotype.Component;

/**
 * Hands a module's data over when its owning route flips, before the flip commits. To {@code NEW}: every pending
 * legacy change is applied first, so the new module starts as the system of record with nothing of legacy's still
 * on the way (if that cannot be done in time, the flip is refused). Back from {@code NEW}: pending write-backs are
 * given time to reach legacy first; this flip is never refused, so whatever is still pending after that is logged.
 */
@Component
class RouteHandover implements OwnershipHandover {

	static final Duration DRAIN_WITHIN = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(RouteHandover.class);

	private final PendingLegacyChanges legacyChanges;
	private final EventPublicationRegistry publications;
	private final SyncSettings sync;

	RouteHandover(PendingLegacyChanges legacyChanges, EventPublicationRegistry publications, SyncSettings sync) {
		this.legacyChanges = legacyChanges;
		this.publications = publications;
		this.sync = sync;
	}

	@Override
	public void beforeFlip(String routeId, String module, Mode from, Mode to) {
		List<String> modules = SystemOfRecord.modulesOwnedBy(routeId);
		if (modules.isEmpty() || (from == Mode.NEW) == (to == Mode.NEW)) {
			return;
		}
		if (to == Mode.NEW) {
			if (!sync.enabled()) {
				// Nothing is captured, so there is nothing to drain; only a forced flip gets here (the gate has no
				// figures without sync), and whoever forced it takes legacy's later changes as lost to the new side.
				log.warn("Route {} goes NEW with sync off (retailflow.legacy.sync.enabled=false): legacy changes of {} "
						+ "made from now on do not reach the new side", routeId, modules);
				return;
			}
			boolean drained;
			try {
				drained = legacyChanges.drain(modules, DRAIN_WITHIN);
			}
			catch (DataAccessException ex) {
				throw new CutoverRefused(GateReport.closed("the legacy changes of " + String.join(", ", modules)
						+ " cannot be read, so they cannot be handed over: " + ex.getMostSpecificCause().getMessage()));
			}
			if (!drained) {
				throw new CutoverRefused(GateReport.closed("legacy changes of " + String.join(", ", modules)
						+ " are still pending after " + DRAIN_WITHIN.toSeconds() + " s; the new side cannot take over yet"));
			}
			log.info("Route {} goes NEW: legacy changes of {} drained, the new side is their system of record", routeId,
					modules);
			return;
		}
		// The write-backs of changes made before this flip; the ones made meanwhile are the new side's last words.
		Instant since = Instant.now();
		long deadline = System.nanoTime() + DRAIN_WITHIN.toNanos();
		long pending;
		while ((pending = pendingWriteBacks(since)) > 0 && System.nanoTime() < deadline) {
			pause();
		}
		if (pending > 0) {
			log.warn("Route {} goes back to {} with {} write-back(s) to legacy still pending; they are delivered on "
					+ "retry and the legacy side now wins", routeId, to, pending);
		}
		else {
			log.info("Route {} goes {}: write-backs drained, legacy is the system of record of {} again", routeId, to,
					modules);
		}
	}

	private long pendingWriteBacks(Instant publishedBefore) {
		return publications.findIncompletePublications()
			.stream()
			.filter(publication -> publication.getTargetIdentifier().getValue().startsWith(WriteBackListeners.ID_PREFIX))
			.filter(publication -> !publication.getPublicationDate().isAfter(publishedBefore))
			.count();
	}

	private static void pause() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
