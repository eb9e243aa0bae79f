package com.retailflow.legacy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.retailflow.platform.testing.LegacyShop;
import com.retailflow.platform.testing.TestDatabases;

import org.junit.jupiter.api.Test;

/**
 * Two real app processes on one PostgreSQL: exactly one runs the change stream; {@code kill -9} of it in the middle
 * of applying a stream of legacy writes hands the stream to the other within 10 s, and afterwards both sides hold
 * the same rows: nothing missing, nothing applied twice.
 */
class SyncFailoverTests {

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
				assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(10));
				await(Duration.ofSeconds(30), () -> writes.get() > 600);
			}
			finally {
				writing.set(false);
				writer.join();
			}

			nodes.awaitCaughtUp(Duration.ofSeconds(30));
			assertThat(nodes.newSide()).isEqualTo(nodes.legacySide());
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
