package com.retailflow.legacy.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.retailflow.legacy.internal.sync.TableMapping.RowSync;

/** The legacy tables' numeric keys, as the change table carries them (text). */
record LegacyKeys(Map<String, Long> valid, List<RowSync> invalid) {

	static LegacyKeys numeric(Collection<String> keys) {
		Map<String, Long> valid = new LinkedHashMap<>();
		List<RowSync> invalid = new ArrayList<>();
		for (String key : keys) {
			try {
				valid.put(key, Long.parseLong(key));
			}
			catch (NumberFormatException ex) {
				invalid.add(RowSync.untranslatable(key, "not a numeric legacy id: '" + key + "'"));
			}
		}
		return new LegacyKeys(valid, invalid);
	}

	/** The ids for an SQL {@code IN (…)} list: numbers only, so nothing of the key text reaches the SQL. */
	String inList() {
		return valid.values().stream().map(String::valueOf).collect(Collectors.joining(","));
	}
}
