package com.retailflow.proxy.internal.visits;

import java.nio.charset.StandardCharsets;

import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The canary bucket of a shopper on a route: unsigned MurmurHash3 x86_32 (seed 0) of the UTF-8 bytes of
 * {@code salt:key}, modulo 10,000 (one bucket per 0.01 %). Changing any part of this moves shoppers between
 * systems, so the test pins it to the reference vectors and to buckets computed before this class existed.
 */
public final class CanaryBuckets {

	public static final int BUCKETS = 10_000;

	private CanaryBuckets() {
	}

	public static int bucket(String salt, String shopperKey) {
		byte[] bytes = (salt + ":" + shopperKey).getBytes(StandardCharsets.UTF_8);
		return (int) (Integer.toUnsignedLong(MurmurHash3.hash32x86(bytes, 0, bytes.length, 0)) % BUCKETS);
	}
}
