package com.retailflow.proxy.internal.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Canary buckets must never move: a changed hash would send shoppers to the other side mid-migration. */
class CanaryBucketsTests {

	/** Austin Appleby's MurmurHash3_x86_32 reference values (seed 0), as published with SMHasher. */
	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "''|0x00000000", "hello|0x248bfa47", "Hello, world!|0xc0363e43",
			"The quick brown fox jumps over the lazy dog|0x2e4ff723" })
	void theLibraryHashMatchesTheReferenceVectors(String text, String expected) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		assertThat(MurmurHash3.hash32x86(bytes, 0, bytes.length, 0)).isEqualTo(Integer.parseUnsignedInt(expected.substring(2), 16));
	}

	/**
	 * Buckets computed by the hand-written MurmurHash3 this class replaced (commit 9b55c57), including keys whose
	 * tail bytes have the high bit set, where a sign-extension mistake (Commons Codec's deprecated
	 * {@code hash32}) would differ.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "salt-a|0b0f6a9e-1c4e-4d52-9a39-2f3b1d0c6e11|7726",
			"c1a7f1de-5d7e-4a8e-b0a4-36a3c8e2d0f4|42|6436", "s|é|7214", "route-salt|Zoë-ß-€|7461", "x|''|3185",
			"3f2c|customer-1007|3721", "ab|é|558", "a|€|3569", "salt|ü€|3357" })
	void existingAssignmentsDoNotMove(String salt, String key, int bucket) {
		assertThat(CanaryBuckets.bucket(salt, key)).isEqualTo(bucket);
	}

	@Test
	void bucketsCoverTheWholeRangeInStepsOfOneHundredthOfAPercent() {
		int below = 0;
		for (int i = 0; i < 20_000; i++) {
			int bucket = CanaryBuckets.bucket("salt", "shopper-" + i);
			assertThat(bucket).isBetween(0, CanaryBuckets.BUCKETS - 1);
			below += bucket < 2_500 ? 1 : 0;
		}
		assertThat(below).as("about a quarter below 25.00 %").isBetween(4_600, 5_400);
	}
}
