package com.retailflow.platform;

import java.net.URI;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * A PostgreSQL read replica for read-only work, when {@code retailflow.database.replica.host} is set (env
 * {@code RETAILFLOW_DB_REPLICA_HOST}); without it this configuration is absent and everything uses the one pool.
 *
 * <p>Two pools: {@code primaryDataSource} (Boot's {@code spring.datasource.*}) and {@code replicaDataSource} (same
 * database, user and password on the replica's host and port). The application's {@code dataSource} is a
 * {@link LazyConnectionDataSourceProxy} over the primary whose read-only data source is the replica: only
 * transactions marked {@code readOnly} go to the replica, so every write, every read-write transaction (the event
 * publication registry, idempotency keys, sessions) and every statement outside a transaction stay on the primary.
 * A shopper who has just written reads from the primary for a while ({@link ReadYourWrites}).
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnExpression("!'${retailflow.database.replica.host:}'.isBlank()")
@EnableConfigurationProperties(DataSourceProperties.class)
public class ReadReplica {

	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource primaryDataSource(DataSourceProperties properties) {
		var pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
		pool.setPoolName("primary");
		return pool;
	}

	@Bean
	HikariDataSource replicaDataSource(DataSourceProperties properties, Environment environment) {
		var pool = new HikariDataSource();
		pool.setPoolName("replica");
		pool.setJdbcUrl(onReplica(properties.determineUrl(), environment.getRequiredProperty("retailflow.database.replica.host"),
				environment.getProperty("retailflow.database.replica.port", Integer.class, 5432)));
		pool.setUsername(properties.determineUsername());
		pool.setPassword(properties.determinePassword());
		pool.setReadOnly(true);
		pool.setMaximumPoolSize(environment.getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class, 10));
		// The replica may still be catching up when the app starts: no fail-fast, connections are made when asked for.
		pool.setInitializationFailTimeout(-1);
		return pool;
	}

	@Bean
	@Primary
	DataSource dataSource(HikariDataSource primaryDataSource, HikariDataSource replicaDataSource) {
		var routed = new LazyConnectionDataSourceProxy(primaryDataSource);
		routed.setReadOnlyDataSource(new ReplicaUnlessRecentWrite(primaryDataSource, replicaDataSource));
		return routed;
	}

	/** The primary's JDBC URL with the replica's host and port: the same database and parameters. */
	static String onReplica(String primaryUrl, String host, int port) {
		var uri = URI.create(primaryUrl.substring("jdbc:".length()));
		return "jdbc:" + uri.getScheme() + "://" + host + ":" + port + uri.getRawPath()
				+ (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class ReadYourWritesFilter {

		@Bean
		ReadYourWrites readYourWrites(Environment environment) {
			return new ReadYourWrites(environment.getProperty("retailflow.database.replica.read-your-writes", Duration.class,
					Duration.ofSeconds(5)));
		}
	}
}
