package com.retailflow.proxy.internal.routes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.retailflow.proxy.Mode;
import com.retailflow.proxy.RouteView;

import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A route of the table, with its URL patterns compiled once per snapshot.
 *
 * @param mode the mode requests get: the chosen one, or {@code LEGACY} while an automatic fallback or a
 *        rollback not yet written to the table holds it (then {@code heldBecause} says why)
 * @param fallbackUntil the end of the automatic fallback in the table, if one was ever recorded
 * @param fallbackCount automatic fallbacks since the last change by an operator (each doubles the next one)
 * @param heldBecause why requests get {@code LEGACY} although the chosen mode differs, else null
 * @param generation bumped each time the route sent everyone back to legacy; pins of older ones are void
 */
public record Route(String id, String module, List<String> legacyPatterns, List<String> newPatterns, Mode mode,
		int percentBp, String salt, Instant updatedAt, String updatedBy, long version, @Nullable Instant fallbackUntil,
		int fallbackCount, @Nullable String heldBecause, int generation, List<PathPattern> compiledLegacy,
		List<PathPattern> compiledNew) {

	static Route of(String id, String module, List<String> legacyPatterns, List<String> newPatterns, Mode mode,
			int percentBp, String salt, Instant updatedAt, String updatedBy, long version,
			@Nullable Instant fallbackUntil, int fallbackCount, int generation) {
		return new Route(id, module, List.copyOf(legacyPatterns), List.copyOf(newPatterns), mode, percentBp, salt,
				updatedAt, updatedBy, version, fallbackUntil, fallbackCount, null, generation, compile(legacyPatterns),
				compile(newPatterns));
	}

	private static List<PathPattern> compile(List<String> patterns) {
		return patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

	/** This route as requests get it while legacy answers in its place. */
	Route heldOnLegacy(String because) {
		return new Route(id, module, legacyPatterns, newPatterns, Mode.LEGACY, 0, salt, updatedAt, updatedBy, version,
				fallbackUntil, fallbackCount, because, generation, compiledLegacy, compiledNew);
	}

	/** This route with a change an operator made, before the table has it. */
	Route changedTo(Mode newMode, int newPercentBp, String actor, Instant at) {
		return new Route(id, module, legacyPatterns, newPatterns, newMode, newPercentBp, salt, at, actor, version, null,
				0, heldBecause, sendsEveryoneToLegacy(newMode) ? generation + 1 : generation, compiledLegacy, compiledNew);
	}

	/** Modes in which no shopper is on the new side: leaving them starts a new generation of pins. */
	static boolean sendsEveryoneToLegacy(Mode mode) {
		return mode == Mode.LEGACY || mode == Mode.SHADOW;
	}

	boolean fallingBackAt(Instant now) {
		return fallbackUntil != null && now.isBefore(fallbackUntil);
	}

	boolean matchesLegacy(PathContainer path) {
		return anyMatches(compiledLegacy, path);
	}

	boolean matchesNew(PathContainer path) {
		return anyMatches(compiledNew, path);
	}

	/** A loop, not a stream: it runs for every route on every proxied request. */
	private static boolean anyMatches(List<PathPattern> patterns, PathContainer path) {
		for (PathPattern pattern : patterns) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	public static BigDecimal percent(int basisPoints) {
		return BigDecimal.valueOf(basisPoints, 2);
	}

	RouteView view(RouteView.Fallback fallback, String legacyBreaker) {
		return new RouteView(id, module, legacyPatterns, newPatterns, mode, percent(percentBp), updatedAt, updatedBy,
				fallback, legacyBreaker);
	}
}
