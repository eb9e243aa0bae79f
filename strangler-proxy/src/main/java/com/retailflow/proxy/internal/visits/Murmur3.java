package com.retailflow.proxy.internal.visits;

import java.nio.charset.StandardCharsets;

/**
 * MurmurHash3 x86_32 (Austin Appleby's reference algorithm), the hash feature-flag systems use for sticky
 * bucketing. Thirty lines do not justify a library dependency; the test pins it to the reference vectors.
 */
public final class Murmur3 {

	private Murmur3() {
	}

	public static int hash32(String text) {
		return hash32(text.getBytes(StandardCharsets.UTF_8), 0);
	}

	public static int hash32(byte[] data, int seed) {
		final int c1 = 0xcc9e2d51;
		final int c2 = 0x1b873593;
		int h1 = seed;
		int blocks = data.length / 4;
		for (int i = 0; i < blocks; i++) {
			int k1 = (data[i * 4] & 0xff) | (data[i * 4 + 1] & 0xff) << 8 | (data[i * 4 + 2] & 0xff) << 16
					| (data[i * 4 + 3] & 0xff) << 24;
			k1 *= c1;
			k1 = Integer.rotateLeft(k1, 15);
			k1 *= c2;
			h1 ^= k1;
			h1 = Integer.rotateLeft(h1, 13);
			h1 = h1 * 5 + 0xe6546b64;
		}
		int tail = blocks * 4;
		int k1 = 0;
		switch (data.length & 3) {
			case 3:
				k1 ^= (data[tail + 2] & 0xff) << 16;
			case 2:
				k1 ^= (data[tail + 1] & 0xff) << 8;
			case 1:
				k1 ^= data[tail] & 0xff;
				k1 *= c1;
				k1 = Integer.rotateLeft(k1, 15);
				k1 *= c2;
				h1 ^= k1;
			default:
		}
		h1 ^= data.length;
		h1 ^= h1 >>> 16;
		h1 *= 0x85ebca6b;
		h1 ^= h1 >>> 13;
		h1 *= 0xc2b2ae35;
		h1 ^= h1 >>> 16;
		return h1;
	}

	/** The canary bucket of a shopper on a route: unsigned hash of {@code salt:key}, mod 10,000. */
	public static int bucket(String salt, String shopperKey) {
		return (int) (Integer.toUnsignedLong(hash32(salt + ":" + shopperKey)) % 10_000);
	}
}
