package com.retailflow.legacy.internal.sync;

import java.time.Duration;

import com.retailflow.legacy.internal.capture.LegacyCapture;
import com.retailflow.platform.ClusterLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Runs the change stream on the one instance of the cluster that holds its {@link ClusterLock} (key {@link #LOCK_KEY}):
 * installs capture on
 * legacy (idempotent), then applies batch after batch, polling when there is nothing to do. It starts with the
 * application, off the start-up path: the proxy serves while legacy or the lock is unavailable, and the stream
 * retries by itself (legacy restarting, PostgreSQL unreachable) from its committed checkpoint.
 */
@Component
class ChangeStream implements SmartLifecycle {

	/** "RFSYNC" in ASCII: the advisory lock key of the legacy change stream. */
	static final long LOCK_KEY = 0x5246_5359_4E43L;

	private static final Logger log = LoggerFactory.getLogger(ChangeStream.class);
	private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
	private static final Duration MEASURE_EVERY = Duration.ofMillis(250);

	private final ClusterLock lock;
	private final LegacyCapture capture;
	private final ChangeApplier applier;
	private final StreamLag lag;
	private final ChangeTrimming trimming;
	private final SyncSettings settings;
	private volatile boolean running;
	private @Nullable Thread worker;

	/**
	 * The lock decides who does the work; it is not what keeps data right. Every batch also locks the checkpoint row in
	 * its own transaction, so even two instances that both believed they held the stream would not apply a change twice.
	 */
	ChangeStream(Environment environment, LegacyCapture capture, ChangeApplier applier, StreamLag lag,
			ChangeTrimming trimming, SyncSettings settings) {
		this.lock = new ClusterLock("legacy change stream", LOCK_KEY, environment);
		this.trimming = trimming;
		this.capture = capture;
		this.applier = applier;
		this.lag = lag;
		this.settings = settings;
	}

	@Override
	public void start() {
		if (!settings.enabled() || running) {
			return;
		}
		running = true;
		worker = Thread.ofPlatform().name("legacy-change-stream").daemon().start(this::run);
	}

	@Override
	public void stop() {
		running = false;
		Thread thread = worker;
		if (thread != null) {
			try {
				thread.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		lock.release();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Whether this instance runs the stream now. */
	boolean leading() {
		return lock.held();
	}

	private void run() {
		boolean installed = false;
		long lockCheckedAt = 0;
		long measuredAt = 0;
		long trimmedAt = System.nanoTime();
		Duration backoff = settings.pollInterval();
		while (running) {
			try {
				if (!lock.held() || System.nanoTime() - lockCheckedAt >= settings.lockRetry().toNanos()) {
					lockCheckedAt = System.nanoTime();
					if (!lock.hold()) {
						installed = false;
						pause(settings.lockRetry());
						continue;
					}
				}
				if (!installed) {
					capture.install();
					installed = true;
				}
				var outcome = applier.applyNext();
				lag.applied(outcome.changes());
				if (outcome.changes() > 0 || System.nanoTime() - measuredAt >= MEASURE_EVERY.toNanos()) {
					lag.refresh();
					measuredAt = System.nanoTime();
				}
				if (System.nanoTime() - trimmedAt >= settings.trimInterval().toNanos()) {
					trimmedAt = System.nanoTime();
					trim();
				}
				backoff = settings.pollInterval();
				if (outcome.changes() < settings.batchSize()) {
					pause(settings.pollInterval());
				}
			}
			catch (RuntimeException ex) {
				log.warn("Legacy change stream failed, retrying in {} ms from the last checkpoint: {}", backoff.toMillis(),
						ex.toString());
				lag.refresh();
				pause(backoff);
				backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
			}
		}
	}

	/** A failed trim is retried at the next interval; it never holds up applying changes. */
	private void trim() {
		try {
			trimming.trim();
		}
		catch (RuntimeException ex) {
			log.warn("Could not trim applied changes from rf_change: {}", ex.toString());
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
