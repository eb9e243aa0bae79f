package com.retailflow.legacy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Category;
import com.retailflow.kernel.Money;
import com.retailflow.catalog.ProductId;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.inventory.Sku;
import com.retailflow.legacy.internal.backfill.Backfill;
import com.retailflow.legacy.internal.capture.LegacyCapture;
import com.retailflow.platform.testing.LegacyShop;
import com.retailflow.proxy.Mode;
import com.retailflow.proxy.RouteManagement;
import com.retailflow.proxy.RouteManagement.RouteChange;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Ownership follows the route: after a flip to NEW the new side's changes are written back to legacy without coming
 * back as changes (no echo); a flip to NEW first applies every pending legacy change, a flip back first delivers
 * every pending write-back; and with writes on both sides while flipping, both sides end equal.
 */
// Closed after the class: its stream and pools must not keep running (and holding connections) beside later tests.
@DirtiesContext
@SpringBootTest(properties = { "retailflow.legacy.sync.enabled=true", "retailflow.legacy.sync.poll-interval=50ms",
		"retailflow.proxy.routes[0].id=catalog", "retailflow.proxy.routes[0].module=catalog",
		"retailflow.proxy.routes[0].legacy-patterns=/product.php", "retailflow.proxy.routes[0].new-patterns=/products/**",
		"retailflow.proxy.routes[1].id=checkout", "retailflow.proxy.routes[1].module=checkout",
		"retailflow.proxy.routes[1].legacy-patterns=/checkout.php", "retailflow.proxy.routes[1].new-patterns=/checkout" })
class OwnershipHandoverIntegrationTests {

	static final LegacyShop LEGACY = LegacyShop.withProducts(35);
	static final int PRODUCTS = 35;

	@DynamicPropertySource
	static void legacy(DynamicPropertyRegistry registry) {
		TestDataSources.legacy(registry, LEGACY.database());
	}

	@Autowired
	Backfill backfill;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	InventoryManagement inventory;

	@Autowired
	RouteManagement routes;

	@BeforeEach
	void legacyOwnsEverything() throws Exception {
		flip("catalog", Mode.LEGACY);
		flip("checkout", Mode.LEGACY);
		backfill.run();
		await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT COUNT(*) FROM information_schema.triggers "
				+ "WHERE trigger_schema = DATABASE() AND trigger_name LIKE 'rf\\_%'") == LegacyCapture.TRIGGERS);
	}

	@AfterEach
	void backToLegacy() {
		flip("catalog", Mode.LEGACY);
		flip("checkout", Mode.LEGACY);
	}

	@Test
	void afterCutOverNewSideChangesAreWrittenBackWithoutEcho() throws Exception {
		flip("catalog", Mode.NEW);
		flip("checkout", Mode.NEW);
		long changesBefore = count("SELECT COALESCE(MAX(id), 0) FROM rf_change");

		catalog.changePrice(ProductId.of(4), Money.of(new BigDecimal("42.10"), java.util.Currency.getInstance("USD")));
		inventory.reserve(new Sku("SKU-000006"), 2);
		int available = inventory.availabilityOf(new Sku("SKU-000006")).available();

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(legacyPrices().get(4L)).isEqualTo("42.10");
			assertThat(count("SELECT qty FROM stock WHERE product_id = 6")).isEqualTo(available);
		});
		// The triggers skipped the write-back: nothing to come back to the new side.
		assertThat(count("SELECT COALESCE(MAX(id), 0) FROM rf_change")).isEqualTo(changesBefore);
	}

	@Test
	void categoryChangesOnTheNewSideAreWrittenBackWithoutEcho() throws Exception {
		flip("catalog", Mode.NEW);
		long changesBefore = count("SELECT COALESCE(MAX(id), 0) FROM rf_change");
		Category first = catalog.categories().getFirst();

		catalog.importCategories(List.of(new Category(first.id(), first.parentId(), "Renamed on the new side", first.slug()),
				new Category(9_001, null, "Only on the new side", "only-new")));
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(legacyCategoryName(first.id())).isEqualTo("Renamed on the new side");
			assertThat(legacyCategoryName(9_001)).isEqualTo("Only on the new side");
		});
		catalog.removeCategory(9_001);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(legacyCategoryName(9_001)).isNull());
		// The triggers skipped the write-backs: nothing to come back to the new side.
		assertThat(count("SELECT COALESCE(MAX(id), 0) FROM rf_change")).isEqualTo(changesBefore);
	}

	@Test
	void aFlipToNewAppliesPendingLegacyChangesAndABackFlipDeliversPendingWriteBacks() throws Exception {
		try (Connection sql = legacySession()) {
			for (long id = 1; id <= PRODUCTS; id++) {
				sql.createStatement().executeUpdate("UPDATE products SET price = " + (100 + id) + ".25 WHERE id = " + id);
			}
		}
		flip("catalog", Mode.NEW);
		// No waiting: the flip itself drained what legacy had pending.
		assertThat(newPrices()).isEqualTo(legacyPrices());

		for (long id = 1; id <= PRODUCTS; id++) {
			catalog.changePrice(ProductId.of(id), usd((200 + id) + ".75"));
		}
		flip("catalog", Mode.LEGACY);
		// No waiting either: the flip back waited for the write-backs.
		assertThat(legacyPrices()).isEqualTo(newPrices());
		assertThat(legacyPrices().get(1L)).isEqualTo("201.75");
	}

	@Test
	void canaryAtAHundredPercentHandsOverAsNewDoes() throws Exception {
		try (Connection sql = legacySession()) {
			for (long id = 1; id <= PRODUCTS; id++) {
				sql.createStatement().executeUpdate("UPDATE products SET price = " + (300 + id) + ".25 WHERE id = " + id);
			}
		}
		routes.change("catalog", new RouteChange(Mode.CANARY, BigDecimal.valueOf(100), "ownership test", true), "test");
		// The flip drained legacy's pending changes, as a flip to NEW does.
		assertThat(newPrices()).isEqualTo(legacyPrices());

		catalog.changePrice(ProductId.of(4), usd("43.20"));
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(legacyPrices().get(4L)).isEqualTo("43.20"));
	}

	@Test
	void writesOnBothSidesWhileFlippingEndEqual() throws Exception {
		var legacyWriting = new AtomicBoolean(true);
		var newWriting = new AtomicBoolean(true);
		// Legacy writes products 1-15 all along; the new side writes 16-30 while it owns the catalog.
		Thread legacyWriter = Thread.ofPlatform().start(() -> {
			try (Connection sql = legacySession()) {
				while (legacyWriting.get()) {
					long id = ThreadLocalRandom.current().nextLong(1, 16);
					sql.createStatement().executeUpdate("UPDATE products SET price = "
							+ ThreadLocalRandom.current().nextInt(100, 9_999) / 100.0 + " WHERE id = " + id);
					Thread.sleep(3);
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		try {
			Thread.sleep(300);
			flip("catalog", Mode.NEW);
			Thread newWriter = Thread.ofPlatform().start(() -> {
				while (newWriting.get()) {
					long id = ThreadLocalRandom.current().nextLong(16, 31);
					catalog.changePrice(ProductId.of(id), usd(ThreadLocalRandom.current().nextInt(100, 9_999) / 100 + ".50"));
				}
			});
			Thread.sleep(1_000);
			newWriting.set(false);
			newWriter.join();
			flip("catalog", Mode.LEGACY);
			Thread.sleep(300);
		}
		finally {
			legacyWriting.set(false);
			legacyWriter.join();
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(newPrices()).isEqualTo(legacyPrices()));
	}

	private void flip(String route, Mode mode) {
		routes.change(route, new RouteChange(mode, null, "ownership test", true), "test");
	}

	private Map<Long, String> legacyPrices() throws SQLException {
		Map<Long, String> prices = new TreeMap<>();
		try (Connection sql = legacySession(); var rs = sql.createStatement().executeQuery("SELECT id, price FROM products")) {
			while (rs.next()) {
				prices.put(rs.getLong(1), new BigDecimal(Float.toString(rs.getFloat(2))).setScale(2, RoundingMode.HALF_UP)
					.toPlainString());
			}
		}
		return prices;
	}

	private Map<Long, String> newPrices() {
		Map<Long, String> prices = new TreeMap<>();
		for (long id = 1; id <= PRODUCTS; id++) {
			catalog.storedProduct(ProductId.of(id))
				.ifPresent(product -> prices.put(product.id().value(), product.price().amount().toPlainString()));
		}
		return prices;
	}

	private static Money usd(String amount) {
		return Money.of(new BigDecimal(amount), java.util.Currency.getInstance("USD"));
	}

	private static String legacyCategoryName(long id) throws SQLException {
		try (Connection connection = legacySession();
				var statement = connection.prepareStatement("SELECT name FROM categories WHERE id = ?")) {
			statement.setLong(1, id);
			try (var rs = statement.executeQuery()) {
				return rs.next() ? rs.getString(1) : null;
			}
		}
	}

	private static long count(String sql) throws SQLException {
		try (Connection connection = legacySession(); var rs = connection.createStatement().executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static Connection legacySession() throws SQLException {
		return DriverManager.getConnection(LEGACY.database().jdbcUrl(), LEGACY.database().username(),
				LEGACY.database().password());
	}
}
