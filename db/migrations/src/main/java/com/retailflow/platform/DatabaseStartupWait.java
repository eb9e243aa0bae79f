package com.retailflow.platform;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the start of the application until PostgreSQL accepts a sign-in, so that an instance started while the
 * database is down waits (not ready) instead of failing and being restarted in a loop. A refused sign-in (wrong
 * password, unknown user or database) is not worth waiting for: it ends the start with {@link DatabaseSignInRefused}.
 *
 * <p>It signs in through the JDBC driver directly, not through the pool, so no half-made pool is left behind by the
 * failed attempts.
 */
final class DatabaseStartupWait {

	private static final Logger log = LoggerFactory.getLogger(DatabaseStartupWait.class);

	private final String url;
	private final @Nullable String user;
	private final @Nullable String password;
	private final Duration retryEvery;

	DatabaseStartupWait(String url, @Nullable String user, @Nullable String password, Duration retryEvery) {
		this.url = url;
		this.user = user;
		this.password = password;
		this.retryEvery = retryEvery;
	}

	static @Nullable DatabaseStartupWait of(DataSource dataSource, Duration retryEvery) {
		if (dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
			return new DatabaseStartupWait(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword(), retryEvery);
		}
		return null;
	}

	/** Returns once a sign-in succeeded; {@code whileWaiting} runs once, before the first retry. */
	void await(Runnable whileWaiting, Runnable afterWaiting) {
		long started = System.nanoTime();
		boolean waited = false;
		try {
			while (true) {
				@Nullable SQLException failure = trySignIn();
				if (failure == null) {
					if (waited) {
						log.info("PostgreSQL at {} answers after {} s; starting", where(),
								Duration.ofNanos(System.nanoTime() - started).toSeconds());
					}
					return;
				}
				String state = sqlState(failure);
				if (state.startsWith("28") || state.equals("3D000")) {
					throw new DatabaseSignInRefused(where(), user, state, failure.getMessage());
				}
				if (!waited) {
					waited = true;
					log.warn("PostgreSQL at {} does not answer ({}); not ready, waiting for it", where(), failure.getMessage());
					whileWaiting.run();
				}
				else {
					log.info("Still waiting for PostgreSQL at {} ({})", where(), failure.getMessage());
				}
				sleep();
			}
		}
		finally {
			if (waited) {
				afterWaiting.run();
			}
		}
	}

	private @Nullable SQLException trySignIn() {
		var properties = new Properties();
		if (user != null) {
			properties.setProperty("user", user);
		}
		if (password != null) {
			properties.setProperty("password", password);
		}
		properties.setProperty("connectTimeout", "5");
		try (Connection ignored = DriverManager.getConnection(url, properties)) {
			return null;
		}
		catch (SQLException ex) {
			return ex;
		}
	}

	/** host:port/database from the JDBC URL, for messages (never the password). */
	String where() {
		try {
			var uri = URI.create(url.substring("jdbc:".length()));
			String path = uri.getPath() == null ? "" : uri.getPath();
			return uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + path;
		}
		catch (IllegalArgumentException | StringIndexOutOfBoundsException ex) {
			return url.replaceAll("password=[^&]*", "password=***");
		}
	}

	private static String sqlState(SQLException failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return "";
	}

	private void sleep() {
		try {
			Thread.sleep(retryEvery);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for PostgreSQL at " + where(), ex);
		}
	}
}
