package com.retailflow.catalog.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Receives the cache evictions that any instance announces ({@link CacheEvictions}) on a PostgreSQL connection of its
 * own ({@code LISTEN}; not from the pool, which would hand it to others), and applies them to this instance's caches.
 *
 * <p>Notifications sent while no connection listens are gone for good: after a PostgreSQL restart or a lost
 * connection the listener reconnects every second and, once it listens again, evicts everything. It starts
 * listening before that eviction, so nothing that commits in between is missed. A connection that went silent
 * without an error is checked every {@link #CHECK_EVERY}.
 */
@Component
class CacheEvictionListener implements SmartLifecycle {

	static final Duration CHECK_EVERY = Duration.ofSeconds(5);
	static final Duration RETRY_EVERY = Duration.ofSeconds(1);

	private static final Logger log = LoggerFactory.getLogger(CacheEvictionListener.class);

	private final CacheEvictions evictions;
	private final String url;
	private final Properties credentials = new Properties();
	private volatile boolean running;
	private @Nullable Thread thread;

	CacheEvictionListener(CacheEvictions evictions, Environment environment) {
		this.evictions = evictions;
		this.url = environment.getRequiredProperty("spring.datasource.url");
		credentials.setProperty("user", environment.getProperty("spring.datasource.username", ""));
		credentials.setProperty("password", environment.getProperty("spring.datasource.password", ""));
		// Names the listener in pg_stat_activity, so operators (and tests) can find it.
		credentials.setProperty("ApplicationName", "retailflow catalog cache listener pid " + ProcessHandle.current().pid());
		credentials.setProperty("tcpKeepAlive", "true");
		credentials.setProperty("connectTimeout", "5");
	}

	@Override
	public synchronized void start() {
		running = true;
		thread = Thread.ofPlatform().daemon().name("catalog-cache-evictions").start(this::listen);
	}

	@Override
	public synchronized void stop() {
		running = false;
		if (thread != null) {
			thread.interrupt();
			thread = null;
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void listen() {
		boolean listenedBefore = false;
		while (running) {
			try (Connection connection = DriverManager.getConnection(url, credentials)) {
				try (var statement = connection.createStatement()) {
					statement.execute("LISTEN " + CacheEviction.CHANNEL);
				}
				if (listenedBefore) {
					log.info("Listening for catalog cache evictions again; evicting everything, notifications may have been missed");
				}
				// On the first start too: caches filled before this moment were not covered by a listener.
				evictions.evictHere(new CacheEviction.OfEverything());
				listenedBefore = true;
				receive(connection);
			}
			catch (SQLException ex) {
				if (running) {
					log.warn("Catalog cache evictions from other instances are not received ({}); retrying in {} s",
							ex.getMessage(), RETRY_EVERY.toSeconds());
				}
			}
			pause();
		}
	}

	private void receive(Connection connection) throws SQLException {
		var notifications = connection.unwrap(PGConnection.class);
		while (running) {
			var received = notifications.getNotifications((int) CHECK_EVERY.toMillis());
			if (received == null || received.length == 0) {
				if (!connection.isValid(2)) {
					throw new SQLException("the listening connection is no longer valid");
				}
				continue;
			}
			for (var notification : received) {
				evictions.received(notification.getParameter());
			}
		}
	}

	private void pause() {
		try {
			Thread.sleep(RETRY_EVERY);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running = false;
		}
	}
}
