package com.retailflow.proxy.internal.routes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.retailflow.proxy.Mode;
import com.retailflow.proxy.RouteView;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** A route of the table, with its URL patterns compiled once per snapshot. */
public record Route(String id, String module, List<String> legacyPatterns, List<String> newPatterns, Mode mode,
		int percentBp, String salt, Instant updatedAt, String updatedBy, long version,
		List<PathPattern> compiledLegacy, List<PathPattern> compiledNew) {

	public static Route of(String id, String module, List<String> legacyPatterns, List<String> newPatterns, Mode mode,
			int percentBp, String salt, Instant updatedAt, String updatedBy, long version) {
		return new Route(id, module, List.copyOf(legacyPatterns), List.copyOf(newPatterns), mode, percentBp, salt,
				updatedAt, updatedBy, version, compile(legacyPatterns), compile(newPatterns));
	}

	private static List<PathPattern> compile(List<String> patterns) {
		return patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

	public boolean matchesLegacy(PathContainer path) {
		return compiledLegacy.stream().anyMatch(pattern -> pattern.matches(path));
	}

	public boolean matchesNew(PathContainer path) {
		return compiledNew.stream().anyMatch(pattern -> pattern.matches(path));
	}

	public static BigDecimal percent(int basisPoints) {
		return BigDecimal.valueOf(basisPoints, 2);
	}

	public RouteView view() {
		return new RouteView(id, module, legacyPatterns, newPatterns, mode, percent(percentBp), updatedAt, updatedBy);
	}
}
