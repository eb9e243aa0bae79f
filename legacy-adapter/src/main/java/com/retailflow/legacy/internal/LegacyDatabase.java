package com.retailflow.legacy.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The connection pool to the legacy MariaDB. Deliberately not a {@code DataSource} bean: one would make Spring
 * Boot back off from the application's own PostgreSQL data source, and nothing but this module may reach the
 * legacy tables.
 */
@Component
public class LegacyDatabase implements DisposableBean {

	/** Rows per network fetch when streaming large reads (MariaDB Connector/J streams when a fetch size is set). */
	private static final int STREAMING_FETCH_SIZE = 5_000;

	private final HikariDataSource pool;
	private final JdbcClient jdbc;
	private final JdbcTemplate streaming;

	LegacyDatabase(LegacySettings settings) {
		var config = new HikariConfig();
		config.setPoolName("legacy-mariadb");
		config.setJdbcUrl(settings.datasource().url());
		config.setUsername(settings.datasource().username());
		config.setPassword(settings.datasource().password());
		config.setMaximumPoolSize(settings.datasource().maximumPoolSize());
		// Start even when legacy is down: the proxy must keep serving (and show 502s) without it.
		config.setInitializationFailTimeout(-1);
		config.setConnectionTimeout(2_000);
		config.setReadOnly(false);
		this.pool = new HikariDataSource(config);
		this.jdbc = JdbcClient.create(pool);
		this.streaming = new JdbcTemplate(pool);
		this.streaming.setFetchSize(STREAMING_FETCH_SIZE);
	}

	public JdbcClient jdbc() {
		return jdbc;
	}

	/** The pool itself, for what needs a {@code DataSource} (the capture migrations, write-back transactions). */
	public DataSource dataSource() {
		return pool;
	}

	/** For reads of any size: rows arrive as they are read, never all in memory (reconciliation of whole tables). */
	public JdbcTemplate streaming() {
		return streaming;
	}

	@Override
	public void destroy() {
		pool.close();
	}
}
