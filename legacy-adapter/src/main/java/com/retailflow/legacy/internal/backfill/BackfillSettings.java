package com.retailflow.legacy.internal.backfill;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The initial copy from legacy ({@code retailflow.legacy.backfill.*}).
 *
 * @param chunkSize legacy rows per chunk: one PostgreSQL transaction with its checkpoint, so at most this many rows
 *        are copied again after a crash
 */
@ConfigurationProperties("retailflow.legacy.backfill")
public record BackfillSettings(@DefaultValue("10000") int chunkSize) {

	public BackfillSettings {
		if (chunkSize < 1 || chunkSize > 100_000) {
			throw new IllegalArgumentException("retailflow.legacy.backfill.chunk-size must be 1 to 100000");
		}
	}
}
