package com.retailflow.catalog;

import static com.retailflow.catalog.Fixtures.category;
import static com.retailflow.catalog.Fixtures.product;
import static com.retailflow.catalog.Fixtures.subcategory;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.retailflow.inventory.RangeChecksum;

/**
 * Reconciliation's view of the catalog: the checksums PostgreSQL computes over stored rows equal the digests of the
 * same values in Java (text that COPY must escape included), and a row changed behind the module's back changes its
 * range only. Uses categories 300–309 and products from 3_000_000 up.
 */
@CatalogModuleTest
class CatalogChecksumIntegrationTests {

	@Autowired
	CatalogManagement catalog;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void productChecksumsInSqlEqualTheJavaDigestsOfTheImportedRows() {
		catalog.importCategories(List.of(category(300, "Checksums", "checksums"), subcategory(301, 300, "Sub", "checksums-sub")));
		List<Product> products = List.of(product(3_000_001, 301, "Smørrebrød Ñandú", "line one\nline two\ttabbed \\ back", "14.99"),
				product(3_000_002, 301, "Jalapeño", "\r\n", "0.10"),
				product(3_000_010, 301, "Müsli", "", "1234567.90").withStatus(ProductStatus.DISCONTINUED));
		catalog.importProducts(products);

		var sums = catalog.productChecksums(Arrays.asList(3_000_000L, 3_000_002L, 3_000_020L));

		assertThat(sums).containsExactly(RangeChecksum.EMPTY.with(products.get(0).digest()),
				RangeChecksum.EMPTY.with(products.get(1).digest()).with(products.get(2).digest()));
		assertThat(catalog.productDigests(3_000_000L, 3_000_020L)).containsExactly(
				java.util.Map.entry(3_000_001L, products.get(0).digest()),
				java.util.Map.entry(3_000_002L, products.get(1).digest()),
				java.util.Map.entry(3_000_010L, products.get(2).digest()));
		assertThat(catalog.product(products.get(0).id()).orElseThrow().product()).isEqualTo(products.get(0));
	}

	@Test
	void aProductChangedBehindTheModulesBackChangesOnlyItsRange() {
		catalog.importProducts(List.of(product(3_000_101, 301, "Tea", "10.00"), product(3_000_102, 301, "Mug", "5.00")));
		var bounds = Arrays.asList(3_000_100L, 3_000_102L, 3_000_200L);
		var before = catalog.productChecksums(bounds);

		jdbc.update("UPDATE catalog.product SET price = 5.01 WHERE id = 3000102");

		var after = catalog.productChecksums(bounds);
		assertThat(after.get(0)).isEqualTo(before.get(0));
		assertThat(after.get(1).rows()).isEqualTo(1);
		assertThat(after.get(1).checksum()).isNotEqualTo(before.get(1).checksum())
			.isEqualTo(product(3_000_102, 301, "Mug", "5.01").digest());
	}

	@Test
	void categoryChecksumsCoverTopLevelCategoriesAndOpenEnds() {
		var top = category(305, "Top", "checksums-top");
		var sub = subcategory(306, 305, "Under", "checksums-under");
		catalog.importCategories(List.of(top, sub));

		var sums = catalog.categoryChecksums(Arrays.asList(305L, 306L, 307L));
		assertThat(sums).containsExactly(RangeChecksum.EMPTY.with(top.digest()), RangeChecksum.EMPTY.with(sub.digest()));
		assertThat(catalog.categoryDigests(305L, 307L)).containsEntry(305L, top.digest()).containsEntry(306L, sub.digest());
		long stored = jdbc.queryForObject("SELECT count(*) FROM catalog.category", Long.class);
		assertThat(catalog.categoryChecksums(Arrays.asList(null, 305L, null))).extracting(RangeChecksum::rows)
			.satisfies(rows -> assertThat(rows.get(0) + rows.get(1)).isEqualTo(stored));
	}
}
