package com.retailflow.legacy.internal.translation;

import org.jspecify.annotations.Nullable;

/** A {@code categories} row as legacy stores it (utf8mb4 text; no quirks beyond a possibly invalid slug). */
public record LegacyCategory(long id, @Nullable Long parentId, String name, String slug) {
}
