package com.retailflow.legacy.internal.tables;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Looking rows up by many keys: IN lists of a bounded size. */
final class Keys {

	private static final int PER_STATEMENT = 1_000;

	private Keys() {
	}

	static <K> List<List<K>> chunks(Collection<K> keys) {
		List<List<K>> chunks = new ArrayList<>();
		List<K> all = List.copyOf(keys);
		for (int from = 0; from < all.size(); from += PER_STATEMENT) {
			chunks.add(all.subList(from, Math.min(all.size(), from + PER_STATEMENT)));
		}
		return chunks;
	}

	static String placeholders(int count) {
		return String.join(", ", java.util.Collections.nCopies(count, "?"));
	}
}
