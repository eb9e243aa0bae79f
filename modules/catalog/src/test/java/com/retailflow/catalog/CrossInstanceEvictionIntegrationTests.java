package com.retailflow.catalog;

import static com.retailflow.catalog.Fixtures.category;
import static com.retailflow.catalog.Fixtures.product;
import static com.retailflow.catalog.Fixtures.sku;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.retailflow.catalog.internal.CatalogCache;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.inventory.Sku;
import com.retailflow.kernel.Money;

/**
 * Catalog caches across instances: a change commits with a PostgreSQL notification that every instance's listener
 * receives, so entries can live long (10 min here, the default) and still never outlive a change made elsewhere.
 * "Another instance" is a second PostgreSQL session: it sends what another instance's write would send, and listens
 * as another instance would. Any {@link CatalogCache} bean is told, as a page cache would be. Uses category 301 and
 * products 301_001–301_099.
 */
@CatalogModuleTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossInstanceEvictionIntegrationTests {

	/** A cache registered with the catalog's evictions, recording what it was told. */
	static final List<String> told = new CopyOnWriteArrayList<>();

	@TestConfiguration(proxyBeanMethods = false)
	static class PageCache {

		@Bean
		CatalogCache recordingPageCache() {
			return new CatalogCache() {
				@Override
				public void evictProduct(ProductId product) {
					told.add("product " + product.value());
				}

				@Override
				public void evictStock(Sku sku) {
					told.add("stock " + sku.code());
				}

				@Override
				public void evictAll() {
					told.add("all");
				}
			};
		}
	}

	@Autowired
	CatalogManagement catalog;

	@Autowired
	InventoryManagement inventory;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Environment environment;

	@BeforeAll
	void seed() {
		catalog.importCategories(List.of(category(301, "Elsewhere", "elsewhere")));
		catalog.importProducts(List.of(product(301_001, 301, "Remote Kettle", "20.00"),
				product(301_002, 301, "Remote Teapot", "30.00"), product(301_003, 301, "Remote Mug", "5.00"),
				product(301_004, 301, "Remote Jug", "8.00"), product(301_005, 301, "Remote Pot", "9.00")));
		inventory.importStock(Map.of(sku(301_001), 10, sku(301_002), 10, sku(301_003), 10, sku(301_004), 10));
	}

	@Test
	void aNotificationFromAnotherInstanceEvictsTheEntry() throws Exception {
		var id = ProductId.of(301_001);
		assertThat(price(id)).isEqualTo("20.00");
		// Another instance's write: the row changes, and the notification comes with its commit.
		jdbc.update("UPDATE catalog.product SET price = 21.00 WHERE id = 301001");
		Thread.sleep(500);
		assertThat(price(id)).as("cached, and the entry lives long: no expiry makes this pass").isEqualTo("20.00");

		try (var otherInstance = connection()) {
			otherInstance.createStatement().execute("SELECT pg_notify('catalog_cache', 'product 301001')");
		}
		await("evicted by the notification", () -> price(id).equals("21.00"));
		await("registered caches are told", () -> told.contains("product 301001"));
	}

	@Test
	void aWriteNotifiesOtherInstancesWithItsCommitAndOnlyThen() throws Exception {
		try (var otherInstance = connection()) {
			otherInstance.createStatement().execute("LISTEN catalog_cache");

			var rolledBack = transactions.execute(status -> {
				catalog.changePrice(ProductId.of(301_002), Money.euros("31.00"));
				status.setRollbackOnly();
				return true;
			});
			assertThat(rolledBack).isTrue();
			assertThat(received(otherInstance, Duration.ofMillis(500))).as("a rolled-back change announces nothing").isEmpty();

			told.clear();
			catalog.changePrice(ProductId.of(301_002), Money.euros("32.00"));
			assertThat(told).as("this instance's caches, at once after commit").contains("product 301002");
			inventory.importStock(Map.of(sku(301_003), 7));
			assertThat(received(otherInstance, Duration.ofSeconds(2))).as("what another instance receives")
				.contains("product 301002", "all");
		}
	}

	@Test
	void anInstanceSkipsItsOwnNotificationsHavingEvictedAtCommit() throws Exception {
		String own;
		try (var otherInstance = connection()) {
			otherInstance.createStatement().execute("LISTEN catalog_cache");
			catalog.changePrice(ProductId.of(301_005), Money.euros("40.00"));
			var sent = otherInstance.unwrap(org.postgresql.PGConnection.class).getNotifications(2_000);
			assertThat(sent).as("this instance's own notification").hasSize(1);
			own = sent[0].getParameter();
		}
		assertThat(own).startsWith("product 301005 from ");
		told.clear();
		try (var otherInstance = connection()) {
			// The same message again, as the listener would receive it, then one from another sender.
			otherInstance.createStatement().execute("SELECT pg_notify('catalog_cache', '" + own + "')");
			otherInstance.createStatement()
				.execute("SELECT pg_notify('catalog_cache', 'product 301006 from another-instance')");
		}
		await("another sender's eviction arrives", () -> told.contains("product 301006"));
		assertThat(told).as("its own was evicted at commit already").doesNotContain("product 301005");
	}

	@Test
	void afterLosingItsConnectionTheListenerReconnectsAndEvictsEverything() throws Exception {
		var id = ProductId.of(301_004);
		assertThat(price(id)).isEqualTo("8.00");
		// A change whose notification this instance misses: made while it was cut off (here: without one at all).
		jdbc.update("UPDATE catalog.product SET price = 9.00 WHERE id = 301004");
		assertThat(price(id)).isEqualTo("8.00");
		int before = listenerSession();

		// What a PostgreSQL restart does to the listening session.
		jdbc.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ?", before);

		await("a new listening session", () -> listenerSession() != 0 && listenerSession() != before);
		await("everything evicted after reconnecting", () -> price(id).equals("9.00"));
		assertThat(told).contains("all");
	}

	String price(ProductId id) {
		return catalog.product(id).orElseThrow().price().amount().toPlainString();
	}

	int listenerSession() {
		return jdbc.query("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
				+ " AND application_name LIKE 'retailflow catalog cache listener pid %' AND state IS NOT NULL",
				rows -> rows.next() ? rows.getInt(1) : 0);
	}

	Connection connection() throws Exception {
		return DriverManager.getConnection(environment.getRequiredProperty("spring.datasource.url"),
				environment.getProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password"));
	}

	static List<String> received(Connection listening, Duration within) throws Exception {
		List<String> payloads = new ArrayList<>();
		long deadline = System.nanoTime() + within.toNanos();
		while (System.nanoTime() < deadline) {
			var notifications = listening.unwrap(PGConnection.class).getNotifications(100);
			if (notifications != null) {
				for (var notification : notifications) {
					// what is evicted, without the sender's name
					payloads.add(notification.getParameter().replaceFirst(" from [0-9a-f-]+$", ""));
				}
			}
		}
		return payloads;
	}

	static void await(String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as(what).isLessThan(deadline);
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}
}
