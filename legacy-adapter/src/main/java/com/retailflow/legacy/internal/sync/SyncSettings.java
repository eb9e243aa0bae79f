package com.retailflow.legacy.internal.sync;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The change stream from legacy ({@code retailflow.legacy.sync.*}).
 *
 * @param enabled run the stream on this instance (it still captures and applies only while it holds the lock)
 * @param pollInterval how long to wait before reading again when a poll found nothing
 * @param batchSize changes read and applied per transaction
 * @param gapRetention how long a change id that was skipped over is looked for again: longer than any legacy
 *        transaction runs (an id older than this belonged to a rolled-back transaction)
 * @param lockRetry how often an instance without the lock tries to take it (a dead holder is replaced within this
 *        plus the time PostgreSQL takes to notice the closed connection)
 * @param changeRetention applied changes are deleted from legacy's change table once they are this old
 * @param trimInterval how often the stream deletes applied changes
 */
@ConfigurationProperties("retailflow.legacy.sync")
public record SyncSettings(@DefaultValue("true") boolean enabled, @DefaultValue("100ms") Duration pollInterval,
		@DefaultValue("500") int batchSize, @DefaultValue("15m") Duration gapRetention,
		@DefaultValue("1s") Duration lockRetry, @DefaultValue("1h") Duration changeRetention,
		@DefaultValue("1m") Duration trimInterval) {

	public SyncSettings {
		if (batchSize < 1) {
			throw new IllegalArgumentException("retailflow.legacy.sync.batch-size must be at least 1, not " + batchSize);
		}
	}
}
