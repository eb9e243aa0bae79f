package com.retailflow.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every {@code retailflow.events.resubmission.interval}, on the one instance that holds the resubmission
 * {@link ClusterLock}, hands the incomplete publications older than {@code older-than} back to their listeners
 * (Spring Modulith's {@link IncompleteEventPublications}).
 *
 * <p>The lock keeps the rounds to one per interval for the whole cluster rather than one per instance; it is not what
 * prevents a double delivery. Modulith marks each publication {@code RESUBMITTED} with a conditional update before
 * handing it over, so of two rounds that found the same publication only one delivers it. Listeners are idempotent
 * anyway: delivery is at least once.
 */
final class EventResubmissionJob implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EventResubmissionJob.class);

	private final ObjectProvider<IncompleteEventPublications> publications;
	private final EventResubmissionSettings settings;
	private final ClusterLock lock;

	EventResubmissionJob(ObjectProvider<IncompleteEventPublications> publications, EventResubmissionSettings settings,
			ClusterLock lock) {
		this.publications = publications;
		this.settings = settings;
		this.lock = lock;
	}

	// Same key and default as EventResubmissionSettings#interval; the scheduler resolves it from the environment.
	@Scheduled(fixedDelayString = "${retailflow.events.resubmission.interval:30s}",
			initialDelayString = "${retailflow.events.resubmission.interval:30s}")
	void resubmit() {
		var registry = publications.getIfAvailable();
		if (registry == null || !lock.hold()) {
			return;
		}
		try {
			registry.resubmitIncompletePublicationsOlderThan(settings.olderThan());
		}
		catch (RuntimeException ex) {
			// The next round tries again; the lock stays with this instance while its connection lives.
			log.warn("Resubmitting incomplete event publications failed: {}", ex.toString());
		}
	}

	@Override
	public void close() {
		lock.release();
	}
}
