package com.retailflow.legacy.internal.translation;

import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

/**
 * A {@code products} row as legacy stores it: latin1 text as its raw bytes, the FLOAT price, the TINYINT status and
 * the zone-less DATETIME.
 */
public record LegacyProduct(long id, String sku, long categoryId, byte[] name, byte @Nullable [] description,
		float price, int status, @Nullable LocalDateTime createdAt) {
}
