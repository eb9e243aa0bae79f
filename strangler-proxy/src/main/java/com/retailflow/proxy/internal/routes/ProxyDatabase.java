package com.retailflow.proxy.internal.routes;

import com.retailflow.proxy.internal.ProxySettings;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The proxy's own small pool on the application's PostgreSQL database, with short timeouts: when the
 * database is slow or unreachable, a flip, a fallback or a table refresh fails within seconds instead of
 * waiting out the application pool's 30 s, and the application's own traffic cannot starve the proxy of
 * connections. Not a {@code DataSource} bean, so it never replaces the application's.
 */
@Component
public class ProxyDatabase implements DisposableBean {

	private final HikariDataSource pool;
	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;

	ProxyDatabase(DataSourceProperties application, ProxySettings settings) {
		var database = settings.database();
		pool = application.initializeDataSourceBuilder().type(HikariDataSource.class).build();
		pool.setPoolName("proxy");
		pool.setMaximumPoolSize(database.poolSize());
		pool.setMinimumIdle(1);
		pool.setConnectionTimeout(database.connectionTimeout().toMillis());
		pool.setValidationTimeout(Math.max(250, database.connectionTimeout().toMillis() / 2));
		// Fail fast at start-up only if the database is really missing; later outages are survived.
		pool.setInitializationFailTimeout(-1);
		long connectSeconds = Math.max(1, database.connectionTimeout().toSeconds());
		long querySeconds = Math.max(1, database.queryTimeout().toSeconds());
		pool.addDataSourceProperty("connectTimeout", String.valueOf(connectSeconds));
		pool.addDataSourceProperty("loginTimeout", String.valueOf(connectSeconds));
		pool.addDataSourceProperty("socketTimeout", String.valueOf(querySeconds));
		jdbc = JdbcClient.create(pool);
		transactions = new TransactionTemplate(new JdbcTransactionManager(pool));
	}

	JdbcClient jdbc() {
		return jdbc;
	}

	TransactionTemplate transactions() {
		return transactions;
	}

	@Override
	public void destroy() {
		pool.close();
	}
}
