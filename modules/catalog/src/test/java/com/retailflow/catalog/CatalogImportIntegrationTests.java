package com.retailflow.catalog;

import com.retailflow.kernel.Money;
import static com.retailflow.catalog.Fixtures.category;
import static com.retailflow.catalog.Fixtures.subcategory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.retailflow.inventory.Sku;

/**
 * Bulk imports for the legacy backfill: idempotent (a second identical run writes nothing and changes no count), one
 * event per import, and fast. Uses categories 200–299 and products from 2_000_000 up.
 */
@CatalogModuleTest
class CatalogImportIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(CatalogImportIntegrationTests.class);

	@Autowired
	CatalogManagement catalog;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void importingTenThousandProductsTwiceGivesTheSameCatalog(AssertablePublishedEvents events) {
		catalog.importCategories(List.of(category(200, "Import Test", "import-test"),
				subcategory(201, 200, "Import Sub", "import-sub")));
		List<Product> products = products(2_000_000, 10_000, 201);

		ImportResult first = catalog.importProducts(products);
		long rowsAfterFirst = count();
		String checksumAfterFirst = checksum();
		ImportResult second = catalog.importProducts(products);

		assertThat(first).isEqualTo(new ImportResult(10_000, 10_000));
		assertThat(second).isEqualTo(new ImportResult(10_000, 0));
		assertThat(count()).isEqualTo(rowsAfterFirst).isEqualTo(10_000);
		assertThat(checksum()).isEqualTo(checksumAfterFirst);
		assertThat(events.ofType(CatalogImported.class)
			.matching(event -> event.kind() == CatalogImported.Kind.PRODUCTS))
			.containsExactly(new CatalogImported(CatalogImported.Kind.PRODUCTS, 10_000, 10_000));
		assertThat(catalog.search(ProductQuery.inCategory(200)).totalItems()).isEqualTo(10_000);
	}

	@Test
	void aChangedRowIsWrittenAndTheLastDuplicateWins() {
		List<Product> products = products(2_100_000, 3, 201);
		catalog.importProducts(products);
		Product changed = products.get(1).withPrice(Money.euros("99.99"));

		ImportResult result = catalog.importProducts(List.of(products.get(0), products.get(1), changed));

		assertThat(result).isEqualTo(new ImportResult(2, 1));
		assertThat(catalog.product(changed.id()).orElseThrow().price()).isEqualTo(Money.euros("99.99"));
	}

	/** The first chunk lands in an empty key range (plain insert), the second overlaps it (upsert). */
	@Test
	void aChunkOverlappingStoredRowsInsertsOnlyTheNewOnesAndUpdatesTheChangedOnes() {
		List<Product> first = products(2_200_000, 100, 201);
		List<Product> overlapping = new ArrayList<>(products(2_200_050, 100, 201));
		overlapping.set(0, overlapping.get(0).withPrice(Money.euros("12.34")));

		ImportResult fresh = catalog.importProducts(first);
		ImportResult mixed = catalog.importProducts(overlapping);
		ImportResult again = catalog.importProducts(overlapping);

		assertThat(fresh).isEqualTo(new ImportResult(100, 100));
		assertThat(mixed).isEqualTo(new ImportResult(100, 51));
		assertThat(again).isEqualTo(new ImportResult(100, 0));
		assertThat(jdbc.queryForObject("SELECT count(*) FROM catalog.product WHERE id BETWEEN 2200000 AND 2200149",
				Long.class)).isEqualTo(150);
		assertThat(catalog.product(ProductId.of(2_200_050)).orElseThrow().price()).isEqualTo(Money.euros("12.34"));
		assertThat(catalog.product(ProductId.of(2_200_149)).orElseThrow().product()).isEqualTo(overlapping.getLast());
	}

	/**
	 * A row of the range appears after the import found the range empty: another transaction inserted it and commits
	 * while the import's plain INSERT waits on its key. The import falls back to the upsert instead of failing.
	 */
	@Test
	void aRowInsertedConcurrentlyIntoAnEmptyRangeMakesTheImportUpsert() throws Exception {
		List<Product> chunk = products(2_300_000, 10, 201);
		Product concurrent = chunk.get(5).withPrice(Money.euros("1.00"));
		var transactions = new TransactionTemplate(transactionManager);
		var inserted = new CountDownLatch(1);
		var release = new CountDownLatch(1);
		try (ExecutorService writer = Executors.newSingleThreadExecutor();
				ExecutorService importer = Executors.newSingleThreadExecutor()) {
			Future<?> other = writer.submit(() -> transactions.executeWithoutResult(status -> {
				catalog.upsertProduct(concurrent);
				inserted.countDown();
				await(release);
			}));
			inserted.await();
			Future<ImportResult> imported = importer.submit(() -> catalog.importProducts(chunk));
			while (jdbc.queryForObject("""
					SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
					   AND query LIKE 'INSERT INTO catalog.product (id%'""", Long.class) == 0) {
				assertThat(imported.isDone()).as("the import waits for the concurrent insert").isFalse();
				Thread.onSpinWait();
			}
			release.countDown();
			other.get();

			assertThat(imported.get()).isEqualTo(new ImportResult(10, 10));
		}
		assertThat(catalog.product(concurrent.id()).orElseThrow().product()).isEqualTo(chunk.get(5));
		assertThat(jdbc.queryForObject("SELECT count(*) FROM catalog.product WHERE id BETWEEN 2300000 AND 2300009",
				Long.class)).isEqualTo(10);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void removedProductsAndCategoriesAreGoneAndAnnounced(AssertablePublishedEvents events) {
		catalog.importCategories(List.of(category(220, "Removed Cat", "removed-cat")));
		Product product = products(2_200_000, 1, 220).getFirst();
		catalog.importProducts(List.of(product));
		assertThat(catalog.product(product.id())).isPresent();

		assertThat(catalog.removeProduct(product.id())).isTrue();
		assertThat(catalog.removeProduct(product.id())).isFalse();
		assertThat(catalog.removeCategory(220)).isTrue();
		assertThat(catalog.removeCategory(220)).isFalse();

		assertThat(catalog.product(product.id())).isEmpty();
		assertThat(catalog.storedProduct(product.id())).isEmpty();
		assertThat(catalog.categoryById(220)).isEmpty();
		assertThat(events.ofType(ProductChanged.class).matching(event -> event.productId().equals(product.id())))
			.hasSize(1);
		assertThat(events.ofType(CategoryRemoved.class)).containsExactly(new CategoryRemoved(220));
	}

	@Test
	void importingCategoriesIsIdempotentToo() {
		var categories = List.of(category(210, "Cat A", "cat-a-import"), subcategory(211, 210, "Cat B", "cat-b-import"));

		assertThat(catalog.importCategories(categories)).isEqualTo(new ImportResult(2, 2));
		assertThat(catalog.importCategories(categories)).isEqualTo(new ImportResult(2, 0));
		assertThat(catalog.categoryBySlug("cat-b-import")).contains(categories.get(1));
	}

	@Test
	void pricesMustBeInTheShopCurrency() {
		var dollars = products(2_200_000, 1, 201).getFirst().withPrice(Money.of("1.00", "USD"));

		assertThatIllegalArgumentException().isThrownBy(() -> catalog.importProducts(List.of(dollars)))
			.withMessageContaining("EUR");
		assertThat(catalog.product(dollars.id())).isEmpty();
	}

	/**
	 * Measures backfill throughput: {@code -Dcatalog.import.rows=1000000} for the full-size run (default 100,000 here to
	 * keep the suite quick). Rows go in chunks of 5,000 per call, one call per thread, like the legacy adapter would
	 * send them. Only a loose floor is asserted: shared CI machines vary; the figure is logged.
	 */
	@Test
	void backfillThroughput() throws Exception {
		int rows = Integer.getInteger("catalog.import.rows", 100_000);
		int threads = Integer.getInteger("catalog.import.threads", 2);
		int chunk = 5_000;
		long base = 10_000_000;
		var all = products(base, rows, 201);
		long started = System.nanoTime();
		try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
			List<Future<ImportResult>> results = new ArrayList<>();
			for (int from = 0; from < rows; from += chunk) {
				var slice = all.subList(from, Math.min(rows, from + chunk));
				results.add(pool.submit(() -> catalog.importProducts(slice)));
			}
			for (Future<ImportResult> result : results) {
				result.get();
			}
		}
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		double perSecond = rows / (took.toNanos() / 1e9);
		log.info("Imported {} products in {} ms with {} threads: {} rows/s", rows, took.toMillis(), threads,
				Math.round(perSecond));
		assertThat(jdbc.queryForObject("SELECT count(*) FROM catalog.product WHERE id >= ?", Long.class, base))
			.isEqualTo(rows);
		assertThat(perSecond).isGreaterThan(5_000);
	}

	private long count() {
		return jdbc.queryForObject("SELECT count(*) FROM catalog.product WHERE id BETWEEN 2000000 AND 2009999",
				Long.class);
	}

	private String checksum() {
		return jdbc.queryForObject("SELECT md5(string_agg(p::text, ',' ORDER BY id)) FROM catalog.product p "
				+ "WHERE id BETWEEN 2000000 AND 2009999", String.class);
	}

	/** Products shaped like the legacy seed: varied names, a description sentence, cents. */
	static List<Product> products(long firstId, int count, long categoryId) {
		String[] adjectives = { "Classic", "Essential", "Premium", "Everyday", "Vintage", "Nordic" };
		String[] nouns = { "Frying Pan", "Wool Coat", "Espresso Beans", "Chelsea Boots", "Table Lamp", "Yoga Mat" };
		return LongStream.range(firstId, firstId + count).mapToObj(id -> {
			String name = adjectives[(int) (id % adjectives.length)] + " " + nouns[(int) (id / 7 % nouns.length)]
					+ " " + id;
			String description = "The " + name + " is made by Café Bleu, perfect for everyday use. Made to last, "
					+ "with attention to every detail.";
			return new Product(ProductId.of(id), new Sku("IMP-" + id), categoryId, name, description,
					Money.euros((id % 500) + "." + (id % 100 < 10 ? "0" : "") + (id % 100)), ProductStatus.ACTIVE,
					Fixtures.CREATED.plusSeconds(id));
		}).toList();
	}
}
