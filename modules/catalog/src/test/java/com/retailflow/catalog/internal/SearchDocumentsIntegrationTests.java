package com.retailflow.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.CatalogModuleTest;
import com.retailflow.catalog.Category;
import com.retailflow.catalog.Product;
import com.retailflow.catalog.ProductId;
import com.retailflow.catalog.ProductQuery;
import com.retailflow.catalog.ProductStatus;
import com.retailflow.kernel.Money;

/**
 * Bulk imports leave the full-text document pending; a search finds the same products, in the same order, before
 * and after the documents are filled, and a document never outlives the text it was computed from. Products
 * 950_001–950_999 in category 950 only.
 */
@CatalogModuleTest
class SearchDocumentsIntegrationTests {

	static final long CATEGORY = 950;
	static final Instant CREATED = Instant.parse("2019-01-01T00:00:00Z");

	@Autowired
	CatalogManagement catalog;

	@Autowired
	SearchDocuments documents;

	@Autowired
	CatalogCaches caches;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void searchFindsTheSameBeforeAndAfterThePendingDocumentsAreFilled() {
		catalog.importCategories(List.of(new Category(CATEGORY, null, "Documents Test", "documents-test")));
		catalog.importProducts(LongStream.rangeClosed(950_001, 950_030)
			.mapToObj(id -> product(id, id % 3 == 0 ? "Zebrawood Box " + id : "Walnut Tray " + id,
					id % 2 == 0 ? "Zebrawood inlay" : "Plain"))
			.toList());
		assertThat(pending()).as("pending after a bulk import").isEqualTo(30);
		List<Page> before = searches();

		fillAll();

		assertThat(pending()).isZero();
		assertThat(searches()).isEqualTo(before);
		// not vacuous: a match in name and description outranks one in the name only, which outranks the description
		assertThat(before.getFirst().ids()).hasSize(20).startsWith(950_004L, 950_010L, 950_016L, 950_022L, 950_028L,
				950_001L);
		assertThat(before.getFirst().total()).isEqualTo(20);
		assertThat(before.get(1).total()).isEqualTo(20);
	}

	@Test
	void aTextChangeDropsTheOldDocumentAndAPriceChangeKeepsIt() {
		catalog.importCategories(List.of(new Category(CATEGORY, null, "Documents Test", "documents-test")));
		catalog.importProducts(List.of(product(950_101, "Quartzite Lamp", "Bright")));
		fillAll();
		assertThat(found("quartzite")).containsExactly(950_101L);

		catalog.importProducts(List.of(product(950_101, "Basalt Lamp", "Bright")));
		assertThat(found("quartzite")).as("the old name, while pending").isEmpty();
		assertThat(found("basalt")).as("the new name, while pending").containsExactly(950_101L);
		fillAll();
		assertThat(found("quartzite")).as("the old name, filled").isEmpty();
		assertThat(found("basalt")).as("the new name, filled").containsExactly(950_101L);

		catalog.importProducts(List.of(product(950_101, "Basalt Lamp", "Bright").withPrice(Money.euros("7.50"))));
		assertThat(jdbc.queryForObject("SELECT search_document IS NULL FROM catalog.product WHERE id = 950101",
				Boolean.class)).as("pending after a price change").isFalse();

		catalog.upsertProduct(product(950_101, "Granite Lamp", "Bright"));
		assertThat(jdbc.queryForObject("SELECT search_document IS NULL FROM catalog.product WHERE id = 950101",
				Boolean.class)).as("pending after a single write").isFalse();
		assertThat(found("granite")).containsExactly(950_101L);
		assertThat(found("basalt")).isEmpty();
	}

	record Page(List<Long> ids, long total) {
	}

	List<Page> searches() {
		return List.of(page("zebrawood"), page("walnut"), page("zebra"), page("tray plain"), page("\"walnut tray\""),
				page("box -tray"));
	}

	Page page(String text) {
		var page = catalog.search(ProductQuery.search(text).withCategory(CATEGORY));
		return new Page(page.items().stream().map(view -> view.id().value()).toList(), page.totalItems());
	}

	List<Long> found(String text) {
		return page(text).ids();
	}

	long pending() {
		Long pending = jdbc.queryForObject(
				"SELECT count(*) FROM catalog.product WHERE id BETWEEN 950001 AND 950999 AND search_document IS NULL",
				Long.class);
		return pending == null ? 0 : pending;
	}

	/** Fills every pending document, then drops the cached search pages so that searches read the table again. */
	void fillAll() {
		while (documents.fill(SearchDocuments.BATCH) > 0) {
			// until none is pending
		}
		caches.listingsChanged();
	}

	static Product product(long id, String name, String description) {
		return new Product(ProductId.of(id), ProductId.of(id).legacySku(), CATEGORY, name, description,
				Money.euros("5.00"), ProductStatus.ACTIVE, CREATED.plusSeconds(id));
	}
}
