package com.retailflow.proxy.internal.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.retailflow.proxy.internal.ProxySettings;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ShadowComparatorTests {

	static final ProxySettings.ShadowRules DEFAULTS = new ProxySettings.ShadowRules(
			List.of("Page generated at [0-9: -]+", "name=\"csrf\" value=\"[0-9a-f]*\""), List.of(), List.of(),
			List.of("Content-Type"), false);

	static ShadowComparator.Answer answer(int status, String type, String body) {
		return new ShadowComparator.Answer(status, Map.of("content-type", type), body.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void timestampsAndTokensAreIgnoredButContentIsNot() {
		var rules = ShadowComparator.Rules.of(DEFAULTS, null);
		var a = answer(200, "text/html; charset=UTF-8",
				"<p>Tea $4.99</p><input name=\"csrf\" value=\"abc123\"><p>Page generated at 2026-11-25 10:00:01</p>");
		var b = answer(200, "text/html;charset=utf-8",
				"<p>Tea $4.99</p><input name=\"csrf\" value=\"ffff00\"><p>Page generated at 2026-11-25 10:00:02</p>");
		assertThat(ShadowComparator.differences(a, b, rules)).isEmpty();
		var c = answer(200, "text/html", "<p>Tea $5.99</p>");
		assertThat(ShadowComparator.differences(a, c, rules)).containsExactly("body", "header:content-type");
		assertThat(ShadowComparator.differences(a, answer(500, "text/html; charset=UTF-8", "x"), rules)).contains("status");
	}

	@Test
	void htmlSelectorsRemoveWholeElements() {
		var rules = ShadowComparator.Rules.of(DEFAULTS,
				new ProxySettings.ShadowRules(List.of(), List.of(".ad", "#clock"), List.of(), List.of(), false));
		var a = answer(200, "text/html", "<div class=ad>Buy!</div><span id=clock>10:00</span><h1>Shop</h1>");
		var b = answer(200, "text/html", "<div class=ad>Sell!</div><span id=clock>11:00</span><h1>Shop</h1>");
		assertThat(ShadowComparator.differences(a, b, rules)).isEmpty();
	}

	@Test
	void jsonIsComparedPerFieldWithIgnoredPathsAndOptionalOrderInsensitivity() {
		var strict = ShadowComparator.Rules.of(DEFAULTS,
				new ProxySettings.ShadowRules(List.of(), List.of(), List.of("meta.generatedAt", "items.*.etag"), List.of(), false));
		var a = answer(200, "application/json",
				"{\"meta\":{\"generatedAt\":1},\"items\":[{\"id\":1,\"etag\":\"x\"},{\"id\":2,\"etag\":\"y\"}],\"price\":\"4.99\"}");
		var b = answer(200, "application/json",
				"{\"meta\":{\"generatedAt\":2},\"items\":[{\"id\":2,\"etag\":\"q\"},{\"id\":1,\"etag\":\"r\"}],\"price\":\"5.99\"}");
		assertThat(ShadowComparator.differences(a, b, strict)).containsExactly("body.items.0.id", "body.items.1.id",
				"body.price");
		var unordered = ShadowComparator.Rules.of(DEFAULTS,
				new ProxySettings.ShadowRules(List.of(), List.of(), List.of("meta.generatedAt", "items.*.etag"), List.of(), true));
		assertThat(ShadowComparator.differences(a, b, unordered)).containsExactly("body.price");
	}

	@Test
	void theNoiseBaselineIsSubtractedFromTheDifferenceRate() {
		var settings = new ProxySettings(java.net.URI.create("http://x"), Duration.ofSeconds(1), Duration.ofSeconds(1),
				DataSize.ofKilobytes(1), 1, true, Duration.ofSeconds(1), List.of(),
				new ProxySettings.Fallback(0.5, 1, Duration.ofSeconds(1)), new ProxySettings.Shadow(1, 1,
						Duration.ofSeconds(1), DataSize.ofKilobytes(1), 1, 5, 0.01, DEFAULTS, Map.of()));
		var stats = new ShadowStats(settings);
		for (int i = 0; i < 10; i++) {
			stats.record("r", false, i < 3 ? List.of("body") : List.of(), null);
			stats.record("r", true, i < 1 ? List.of("body") : List.of(), null);
		}
		var report = stats.report("r");
		assertThat(report.differenceRate()).isEqualTo(0.3);
		assertThat(report.noiseRate()).isEqualTo(0.1);
		assertThat(report.adjustedDifferenceRate()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(report.fieldMismatchRates()).containsEntry("body", 0.3);
	}
}
