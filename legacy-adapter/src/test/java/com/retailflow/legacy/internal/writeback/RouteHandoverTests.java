package com.retailflow.legacy.internal.writeback;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;

import com.retailflow.legacy.internal.sync.SyncSettings;
import com.retailflow.proxy.Mode;

import org.junit.jupiter.api.Test;

/**
 * With sync off nothing is captured, so a (forced) flip to NEW has nothing to drain: it goes ahead instead of failing
 * on a change table that was never installed. The drain itself, with sync on, is in
 * {@code OwnershipHandoverIntegrationTests}.
 */
class RouteHandoverTests {

	static final SyncSettings SYNC_OFF = new SyncSettings(false, Duration.ofMillis(100), 500, Duration.ofMinutes(15),
			Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofMinutes(1));

	@Test
	void aFlipToNewWithSyncOffDrainsNothing() {
		// No change reader and no publication registry: with sync off the hand-over must touch neither.
		var handover = new RouteHandover(null, null, SYNC_OFF);

		assertThatCode(() -> handover.beforeFlip("catalog", "catalog", Mode.LEGACY, Mode.NEW)).doesNotThrowAnyException();
	}
}
