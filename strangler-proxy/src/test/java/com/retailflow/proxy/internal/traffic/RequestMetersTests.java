package com.retailflow.proxy.internal.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import com.retailflow.proxy.internal.routes.Side;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

/** The request timer: one per route, side and outcome, with the fixed buckets the console's p95 reads. */
class RequestMetersTests {

	final SimpleMeterRegistry registry = new SimpleMeterRegistry();
	final RequestMeters meters = new RequestMeters(registry);

	@Test
	void eachRouteSideAndOutcomeHasItsOwnTimer() {
		meters.record("catalog", Side.LEGACY, 200, TimeUnit.MILLISECONDS.toNanos(3));
		meters.record("catalog", Side.LEGACY, 204, TimeUnit.MILLISECONDS.toNanos(4));
		meters.record("catalog", Side.NEW, 503, TimeUnit.MILLISECONDS.toNanos(40));
		meters.record("cart", Side.LEGACY, 302, TimeUnit.MILLISECONDS.toNanos(1));

		assertThat(timer("catalog", "legacy", "SUCCESS").count()).isEqualTo(2);
		assertThat(timer("catalog", "new", "SERVER_ERROR").count()).isEqualTo(1);
		assertThat(timer("cart", "legacy", "REDIRECTION").count()).isEqualTo(1);
		assertThat(registry.find(RequestMeters.NAME).timers()).hasSize(3);
	}

	@Test
	void durationsLandInTheFixedBuckets() {
		meters.record("catalog", Side.LEGACY, 200, TimeUnit.MILLISECONDS.toNanos(3));
		meters.record("catalog", Side.LEGACY, 200, TimeUnit.MILLISECONDS.toNanos(30));

		CountAtBucket[] buckets = timer("catalog", "legacy", "SUCCESS").takeSnapshot().histogramCounts();

		assertThat(buckets).hasSize(RequestMeters.BUCKETS.length);
		assertThat(count(buckets, 2)).isZero();
		assertThat(count(buckets, 5)).isEqualTo(1);
		assertThat(count(buckets, 25)).isEqualTo(1);
		assertThat(count(buckets, 50)).isEqualTo(2);
	}

	private Timer timer(String route, String side, String outcome) {
		return registry.get(RequestMeters.NAME).tag("route", route).tag("side", side).tag("outcome", outcome).timer();
	}

	/** The cumulative count of the bucket bounded by this many milliseconds. */
	private static double count(CountAtBucket[] buckets, double millis) {
		return Arrays.stream(buckets).filter(b -> b.bucket(TimeUnit.MILLISECONDS) == millis).findFirst().orElseThrow().count();
	}
}
