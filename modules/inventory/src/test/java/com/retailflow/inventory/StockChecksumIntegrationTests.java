package com.retailflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;

/**
 * Reconciliation's view of stock: counts and checksums over SKU ranges in byte order, computed in SQL, equal to the
 * same digests computed in Java, and changed by a row changed behind the module's back.
 */
@ApplicationModuleTest(extraIncludes = "platform")
class StockChecksumIntegrationTests {

	private final InventoryManagement inventory;
	private final JdbcClient jdbc;

	StockChecksumIntegrationTests(InventoryManagement inventory, JdbcClient jdbc) {
		this.inventory = inventory;
		this.jdbc = jdbc;
	}

	@Test
	void checksumsOverByteOrderedRangesMatchTheJavaDigests() {
		String prefix = "CK-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		Map<Sku, Integer> levels = new LinkedHashMap<>();
		// Byte order: "A" < "B" < "a" < "b\\t…"; a case-insensitive collation would interleave them.
		for (String suffix : List.of("a", "B", "A", "b\t\\tab", "c")) {
			levels.put(new Sku(prefix + suffix), suffix.length() * 3);
		}
		inventory.importStock(levels);

		String end = prefix + "~";
		var sums = inventory.stockChecksums(Arrays.asList(prefix, prefix + "a", end));

		assertThat(sums).containsExactly(expected(levels, "A", "B"), expected(levels, "a", "b\t\\tab", "c"));
		assertThat(inventory.stockDigests(prefix, end).keySet()).extracting(Sku::code)
			.containsExactly(prefix + "A", prefix + "B", prefix + "a", prefix + "b\t\\tab", prefix + "c");
		assertThat(inventory.stockDigests(prefix, end))
			.containsEntry(new Sku(prefix + "c"), InventoryManagement.stockDigest(new Sku(prefix + "c"), 3));
	}

	@Test
	void aRowChangedBehindTheModulesBackChangesOnlyItsRange() {
		String prefix = "CK-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		inventory.importStock(Map.of(new Sku(prefix + "1"), 5, new Sku(prefix + "2"), 7));
		var bounds = Arrays.asList(prefix, prefix + "2", prefix + "~");
		var before = inventory.stockChecksums(bounds);

		jdbc.sql("UPDATE inventory.stock SET on_hand = 8 WHERE sku = ?").param(prefix + "2").update();

		var after = inventory.stockChecksums(bounds);
		assertThat(after.get(0)).isEqualTo(before.get(0));
		assertThat(after.get(1).rows()).isEqualTo(1);
		assertThat(after.get(1).checksum()).isNotEqualTo(before.get(1).checksum())
			.isEqualTo(InventoryManagement.stockDigest(new Sku(prefix + "2"), 8));
	}

	@Test
	void unboundedEndsAndEmptyRanges() {
		var all = inventory.stockChecksums(Arrays.asList(null, null));
		assertThat(all).hasSize(1);
		assertThat(all.getFirst().rows()).isEqualTo(jdbc.sql("SELECT count(*) FROM inventory.stock").query(Long.class).single());
		assertThat(inventory.stockChecksums(Arrays.asList("zz-none", "zz-none~"))).containsExactly(RangeChecksum.EMPTY);
		assertThatIllegalArgumentException().isThrownBy(() -> inventory.stockChecksums(Arrays.asList("a", null, "c")));
		assertThatIllegalArgumentException().isThrownBy(() -> inventory.stockChecksums(List.of("a")));
	}

	private static RangeChecksum expected(Map<Sku, Integer> levels, String... suffixes) {
		var sum = RangeChecksum.EMPTY;
		for (var entry : levels.entrySet()) {
			for (String suffix : suffixes) {
				if (entry.getKey().code().endsWith("-" + suffix)) {
					sum = sum.with(InventoryManagement.stockDigest(entry.getKey(), entry.getValue()));
				}
			}
		}
		return sum;
	}
}
