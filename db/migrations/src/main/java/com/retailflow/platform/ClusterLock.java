package com.retailflow.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * A role that at most one instance of the cluster plays at a time: a PostgreSQL session-level advisory lock, held on a
 * connection of its own (not from the pool, which would recycle it). When the holder dies, even by {@code kill -9},
 * its socket closes, PostgreSQL ends the session and the next instance's {@link #hold()} takes the lock. After a
 * PostgreSQL restart the old session is gone too: whoever asks first holds it again. Used by the event publication
 * resubmission and by the legacy adapter's change stream.
 */
public final class ClusterLock implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ClusterLock.class);

	private final String role;
	private final long key;
	private final String url;
	private final Properties credentials = new Properties();
	private @Nullable Connection connection;

	/**
	 * @param role what the holder does, for the logs and {@code pg_stat_activity}
	 * @param key the advisory lock key, one per role
	 */
	public ClusterLock(String role, long key, Environment environment) {
		this.role = role;
		this.key = key;
		this.url = environment.getRequiredProperty("spring.datasource.url");
		credentials.setProperty("user", environment.getProperty("spring.datasource.username", ""));
		credentials.setProperty("password", environment.getProperty("spring.datasource.password", ""));
		// Names the holder in pg_stat_activity, so operators (and tests) see which process plays the role.
		credentials.setProperty("ApplicationName", "retailflow " + role + " pid " + ProcessHandle.current().pid());
		// Notice a vanished PostgreSQL instead of waiting on a dead socket.
		credentials.setProperty("tcpKeepAlive", "true");
		credentials.setProperty("socketTimeout", "10");
		credentials.setProperty("connectTimeout", "5");
	}

	/** Takes the lock if it is free, or confirms this instance still holds it. */
	public synchronized boolean hold() {
		try {
			if (connection != null) {
				if (connection.isValid(2)) {
					return true;
				}
				log.warn("Lost the connection that held the {} lock; another instance may take over", role);
				release();
			}
			var candidate = DriverManager.getConnection(url, credentials);
			boolean taken;
			try (var statement = candidate.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
				statement.setLong(1, key);
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
			log.info("This instance now runs the {} (advisory lock {})", role, key);
			return true;
		}
		catch (SQLException ex) {
			log.debug("Could not take the {} lock: {}", role, ex.getMessage());
			release();
			return false;
		}
	}

	/** Whether this instance holds the lock, as far as it knows (without asking PostgreSQL). */
	public synchronized boolean held() {
		return connection != null;
	}

	/** Gives the role up: closing the session releases the lock. */
	public synchronized void release() {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				log.debug("Closing the {} lock connection failed: {}", role, ex.getMessage());
			}
			connection = null;
		}
	}

	@Override
	public void close() {
		release();
	}
}
