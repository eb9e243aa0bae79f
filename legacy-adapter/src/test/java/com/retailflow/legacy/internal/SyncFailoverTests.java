package com.retailflow.legacy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.retailflow.platform.testing.CuttableTcpProxy;
import com.retailflow.platform.testing.LegacyShop;
import com.retailflow.platform.testing.TestDatabases;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two real app processes on one PostgreSQL: exactly one runs the change stream; {@code kill -9} of it in the middle
 * of applying a stream of legacy writes hands the stream to the other within 10 s; killing that one too and
 * starting a node again resumes from the checkpoint; afterwards both sides hold the same rows, compared row by row:
 * nothing missing, nothing left behind. PostgreSQL cut off behind a TCP proxy in the middle of applying: batches
 * roll back with their checkpoint, the stream comes back by itself, and the two sides end equal.
 */
class SyncFailoverTests {

	private static final Logger log = LoggerFactory.getLogger(SyncFailoverTests.class);

	static final int PRODUCTS = 25;

	@Test
	void killingTheHolderDuringApplyHandsOverWithinTenSecondsAndLosesNothing() throws Exception {
		var legacy = TestDatabases.newMariaDb();
		LegacyShop.seed(legacy, PRODUCTS, 5);
		try (var nodes = new SyncNodes(TestDatabases.newPostgres(), legacy)) {
			// Both start at once (start-up is the slow part); the first also copies the catalogue once.
			var first = nodes.start("first", "--retailflow.legacy.backfill-on-start=true");
			var second = nodes.start("second");
			await(Duration.ofSeconds(120), () -> first.up() && second.up()
					&& SyncNodes.single(nodes.postgres(), "SELECT COUNT(*) FROM catalog.product") == PRODUCTS);
			long holder = nodes.holder().orElseThrow();
			var running = holder == first.pid() ? first : second;
			var standby = running == first ? second : first;
			assertThat(standby.pid()).as("exactly one node runs the stream").isNotEqualTo(holder);

			var writing = new AtomicBoolean(true);
			var writes = new AtomicInteger();
			Thread writer = Thread.ofPlatform().start(() -> legacyWrites(nodes, writing, writes));
			try {
				await(Duration.ofSeconds(30), () -> writes.get() > 300);
				running.process().destroyForcibly(); // SIGKILL: no shutdown hook, no lock release, mid-batch
				long killed = System.nanoTime();
				await(Duration.ofSeconds(10), () -> nodes.holder().filter(pid -> pid == standby.pid()).isPresent());
				log.info("The standby took the stream over {} ms after the kill",
						Duration.ofNanos(System.nanoTime() - killed).toMillis());
				await(Duration.ofSeconds(30), () -> writes.get() > 600);

				// Now the last node dies too, mid-batch, and a node is started again while legacy keeps changing.
				standby.process().destroyForcibly();
				var restarted = nodes.start("restarted");
				await(Duration.ofSeconds(120), () -> nodes.holder().filter(pid -> pid == restarted.pid()).isPresent());
				await(Duration.ofSeconds(30), () -> writes.get() > 900);
			}
			finally {
				writing.set(false);
				writer.join();
			}

			nodes.awaitCaughtUp(Duration.ofSeconds(30));
			assertThat(nodes.newSide()).isEqualTo(nodes.legacySide());
		}
	}

	@Test
	void postgresBrieflyUnreachableThenTheStreamResumesFromItsCheckpoint() throws Exception {
		var legacy = TestDatabases.newMariaDb();
		LegacyShop.seed(legacy, PRODUCTS, 5);
		var postgres = TestDatabases.newPostgres();
		try (var proxy = new CuttableTcpProxy(postgres.host(), postgres.port());
				var nodes = new SyncNodes(postgres, legacy)) {
			String viaProxy = postgres.jdbcUrl().replace(":" + postgres.port() + "/", ":" + proxy.port() + "/");
			var node = nodes.start("behind-proxy", "--retailflow.legacy.backfill-on-start=true",
					"--spring.datasource.url=" + viaProxy);
			await(Duration.ofSeconds(120), () -> node.up() && nodes.holder().isPresent()
					&& SyncNodes.single(nodes.postgres(), "SELECT COUNT(*) FROM catalog.product") == PRODUCTS);

			var writing = new AtomicBoolean(true);
			var writes = new AtomicInteger();
			Thread writer = Thread.ofPlatform().start(() -> legacyWrites(nodes, writing, writes));
			try {
				await(Duration.ofSeconds(30), () -> writes.get() > 300);
				proxy.refuse(); // every pooled connection and the lock's connection drop mid-batch
				Thread.sleep(3_000);
				proxy.restore();
				await(Duration.ofSeconds(30), () -> writes.get() > 700);
			}
			finally {
				writing.set(false);
				writer.join();
			}

			nodes.awaitCaughtUp(Duration.ofSeconds(60));
			assertThat(nodes.newSide()).isEqualTo(nodes.legacySide());
			assertThat(SyncNodes.single(nodes.postgres(), "SELECT COUNT(*) FROM legacy_sync.quarantine")).isZero();
		}
	}

	/** Prices and stock levels of random products, from plain SQL sessions, until told to stop. */
	private static void legacyWrites(SyncNodes nodes, AtomicBoolean writing, AtomicInteger writes) {
		try (Connection sql = nodes.legacy()) {
			var random = ThreadLocalRandom.current();
			while (writing.get()) {
				int product = random.nextInt(1, PRODUCTS + 1);
				if (random.nextBoolean()) {
					sql.createStatement().executeUpdate("UPDATE products SET price = " + random.nextInt(100, 10_000) / 100.0
							+ " WHERE id = " + product);
				}
				else {
					sql.createStatement().executeUpdate("UPDATE stock SET qty = " + random.nextInt(0, 50)
							+ " WHERE product_id = " + product);
				}
				writes.incrementAndGet();
				Thread.sleep(5);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	interface Condition {

		boolean holds() throws Exception;
	}

	static void await(Duration within, Condition condition) throws Exception {
		long deadline = System.nanoTime() + within.toNanos();
		while (!condition.holds()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Not within " + within);
			}
			Thread.sleep(100);
		}
	}
}
