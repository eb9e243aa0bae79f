package com.retailflow.legacy.internal;

import java.time.Duration;
import java.util.Optional;

/** How far the new side trails legacy for one module's tables; implemented by the change stream. */
public interface SyncLag {

	/** Age of the oldest legacy change not yet applied, zero when caught up; empty if the module has no stream. */
	Optional<Duration> of(String module);
}
