package com.retailflow.inventory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * How many rows a key range holds and a checksum of their values, for reconciliation with the legacy shop: equal
 * checksums mean equal rows (up to a 64-bit collision), a difference is bisected down to the rows.
 *
 * <p>The checksum is the XOR of the rows' {@link #digest digests}, so it does not depend on the order rows are read
 * in. Modules compute it in SQL on their own tables; the legacy adapter computes it in Java over translated legacy
 * rows; both use the digest defined here (and in {@code docs/contracts.md}). It lives in inventory, the module every
 * synced module already depends on, until the project has a shared kernel.
 *
 * @param rows rows in the range
 * @param checksum XOR of their digests; 0 for no rows
 */
public record RangeChecksum(long rows, long checksum) {

	public static final RangeChecksum EMPTY = new RangeChecksum(0, 0);

	/** The SQL expression of {@link #digest} over a {@code concat_ws(E'\x1f', …)} of the row's fields. */
	public static final String SQL_DIGEST = "('x' || substr(md5(concat_ws(E'\\x1f', %s)), 1, 16))::bit(64)::bigint";

	/** This range with one more row. */
	public RangeChecksum with(long digest) {
		return new RangeChecksum(rows + 1, checksum ^ digest);
	}

	/**
	 * The digest of one row: the first 64 bits (big-endian, signed) of the MD5 of its fields' text joined by U+001F,
	 * exactly what {@link #SQL_DIGEST} computes in PostgreSQL.
	 */
	public static long digest(String... fields) {
		try {
			byte[] md5 = MessageDigest.getInstance("MD5")
				.digest(String.join("\u001f", fields).getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.wrap(md5).getLong();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has MD5", ex);
		}
	}
}
