package com.retailflow.legacy.internal.sync;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The cluster-wide right to run the change stream: a PostgreSQL session-level advisory lock, held on a connection of
 * its own (not from the pool, which would recycle it). When the holder dies, even by {@code kill -9}, the operating
 * system closes its socket, PostgreSQL ends the session and the lock is free for the next instance's attempt.
 *
 * <p>The lock decides who does the work; it is not what keeps data right. Every batch also locks the checkpoint row
 * in its own transaction, so even two instances that both believed they held the stream would not apply a change
 * twice.
 */
@Component
class StreamLock implements AutoCloseable {

	/** "RFSYNC" in ASCII: the advisory lock key of the legacy change stream. */
	static final long KEY = 0x5246_5359_4E43L;

	private static final Logger log = LoggerFactory.getLogger(StreamLock.class);

	private final String url;
	private final Properties credentials = new Properties();
	private @Nullable Connection connection;

	StreamLock(Environment environment) {
		this.url = environment.getRequiredProperty("spring.datasource.url");
		credentials.setProperty("user", environment.getProperty("spring.datasource.username", ""));
		credentials.setProperty("password", environment.getProperty("spring.datasource.password", ""));
		// Names the holder in pg_stat_activity, so operators (and tests) see which process runs the stream.
		credentials.setProperty("ApplicationName", "retailflow-legacy-sync pid " + ProcessHandle.current().pid());
		// Notice a vanished PostgreSQL instead of waiting on a dead socket.
		credentials.setProperty("tcpKeepAlive", "true");
		credentials.setProperty("socketTimeout", "10");
		credentials.setProperty("connectTimeout", "5");
	}

	/** Takes the lock if it is free, or confirms this instance still holds it. */
	synchronized boolean hold() {
		try {
			if (connection != null) {
				if (connection.isValid(2)) {
					return true;
				}
				log.warn("Lost the connection that held the legacy sync lock; another instance may take over");
				release();
			}
			var candidate = DriverManager.getConnection(url, credentials);
			boolean taken;
			try (var statement = candidate.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
				statement.setLong(1, KEY);
				try (var rs = statement.executeQuery()) {
					rs.next();
					taken = rs.getBoolean(1);
				}
			}
			if (!taken) {
				candidate.close();
				return false;
			}
			connection = candidate;
			log.info("This instance now runs the legacy change stream (advisory lock {})", KEY);
			return true;
		}
		catch (SQLException ex) {
			log.debug("Could not take the legacy sync lock: {}", ex.getMessage());
			release();
			return false;
		}
	}

	synchronized boolean held() {
		return connection != null;
	}

	/** Gives the lock up: closing the session releases it. */
	synchronized void release() {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				log.debug("Closing the sync lock connection failed: {}", ex.getMessage());
			}
			connection = null;
		}
	}

	@Override
	public void close() {
		release();
	}
}
