package com.retailflow.legacy.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The connection pool to the legacy MariaDB. Deliberately not a {@code DataSource} bean: one would make Spring
 * Boot back off from the application's own PostgreSQL data source, and nothing but this module may reach the
 * legacy tables.
 */
@Component
public class LegacyDatabase implements DisposableBean {

	private final HikariDataSource pool;
	private final JdbcClient jdbc;

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
	}

	public JdbcClient jdbc() {
		return jdbc;
	}

	/** The pool itself, for what needs a {@code DataSource} (the capture migrations). */
	public DataSource dataSource() {
		return pool;
	}

	@Override
	public void destroy() {
		pool.close();
	}
}
