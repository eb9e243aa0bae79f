package com.retailflow.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one way tests get a real database: every call creates a new, empty database on a real server.
 *
 * <p>The server is a Testcontainers container when a Docker engine answers, otherwise the local server
 * named by the same environment variables as the application's ({@code RETAILFLOW_DB_HOST/PORT/USER/PASSWORD},
 * {@code LEGACY_DB_HOST/PORT/USER/PASSWORD}; defaults 127.0.0.1:5432 postgres/trust and 127.0.0.1:3306
 * root/empty); the test databases are new ones on those servers.
 * {@code RETAILFLOW_TEST_DATABASES=local|containers} forces a choice.
 * Databases are named {@code rf_test_<timestamp>_<random>} and dropped after the Spring contexts close; leftovers of
 * killed runs older than six hours are swept on first use.
 */
public final class TestDatabases {

	/** Connection facts of one freshly created database. */
	public record Database(String jdbcUrl, String username, String password, String name, String host, int port) {
	}

	private static final Logger log = LoggerFactory.getLogger(TestDatabases.class);
	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
	private static final Map<Kind, Server> servers = new ConcurrentHashMap<>();

	private TestDatabases() {
	}

	public static Database newPostgres() {
		return server(Kind.POSTGRES).create();
	}

	public static Database newMariaDb() {
		return server(Kind.MARIADB).create();
	}

	/** True when tests run against Testcontainers, false when against the local servers. */
	public static boolean usingContainers() {
		String forced = System.getenv().getOrDefault("RETAILFLOW_TEST_DATABASES", "auto");
		return switch (forced) {
			case "local" -> false;
			case "containers" -> true;
			default -> dockerAnswers();
		};
	}

	private static boolean dockerAnswers() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static Server server(Kind kind) {
		return servers.computeIfAbsent(kind, k -> {
			Server server = usingContainers() ? k.container.get() : k.local.get();
			log.info("Test databases ({}) on {}:{}", k, server.host, server.port);
			server.sweepLeftovers();
			// Spring Boot runs its shutdown handlers after every context has closed, so no pool is still
			// using a database when it is dropped (a plain JVM hook would race the context's own shutdown).
			SpringApplication.getShutdownHandlers().add(server::dropCreated);
			return server;
		});
	}

	private enum Kind {

		POSTGRES(() -> local("RETAILFLOW_DB_", "jdbc:postgresql", "127.0.0.1", 5432, "postgres", "", "postgres"), () -> {
			var container = new PostgreSQLContainer("postgres:17-alpine");
			container.start();
			return new Server("jdbc:postgresql", container.getHost(), container.getFirstMappedPort(),
					container.getUsername(), container.getPassword(), container.getDatabaseName());
		}),

		MARIADB(() -> local("LEGACY_DB_", "jdbc:mariadb", "127.0.0.1", 3306, "root", "", ""), () -> {
			var container = new MariaDBContainer("mariadb:10.11").withUsername("root").withPassword("test");
			container.start();
			return new Server("jdbc:mariadb", container.getHost(), container.getFirstMappedPort(), "root", "test", "");
		});

		final Supplier<Server> local;
		final Supplier<Server> container;

		Kind(Supplier<Server> local, Supplier<Server> container) {
			this.local = local;
			this.container = container;
		}

		private static Server local(String prefix, String scheme, String host, int port, String user, String password,
				String adminDatabase) {
			var env = System.getenv();
			return new Server(scheme, env.getOrDefault(prefix + "HOST", host),
					Integer.parseInt(env.getOrDefault(prefix + "PORT", String.valueOf(port))),
					env.getOrDefault(prefix + "USER", user),
					env.getOrDefault(prefix + "PASSWORD", password), adminDatabase);
		}
	}

	private static final class Server {

		final String scheme;
		final String host;
		final int port;
		final String user;
		final String password;
		final String adminDatabase;
		final List<String> created = new ArrayList<>();

		Server(String scheme, String host, int port, String user, String password, String adminDatabase) {
			this.scheme = scheme;
			this.host = host;
			this.port = port;
			this.user = user;
			this.password = password;
			this.adminDatabase = adminDatabase;
		}

		boolean postgres() {
			return scheme.equals("jdbc:postgresql");
		}

		String url(String database) {
			String base = scheme + "://" + host + ":" + port + "/" + database;
			// MariaDB: the legacy schema is latin1 in places; let the server convert, and allow LOAD DATA LOCAL for seeding.
			return postgres() ? base : base + "?allowLocalInfile=true&allowPublicKeyRetrieval=true&useSsl=false";
		}

		synchronized Database create() {
			String name = "rf_test_" + LocalDateTime.now().format(STAMP) + "_"
					+ Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
			execute("CREATE DATABASE " + name + (postgres() ? "" : " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"));
			created.add(name);
			return new Database(url(name), user, password, name, host, port);
		}

		void sweepLeftovers() {
			String threshold = LocalDateTime.now().minusHours(6).format(STAMP);
			String list = postgres() ? "SELECT datname FROM pg_database WHERE datname LIKE 'rf\\_test\\_%'"
					: "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'rf\\_test\\_%'";
			try (Connection connection = connect(); var rs = connection.createStatement().executeQuery(list)) {
				List<String> stale = new ArrayList<>();
				while (rs.next()) {
					String name = rs.getString(1);
					String stamp = name.length() >= 22 ? name.substring(8, 22) : "";
					if (stamp.compareTo(threshold) < 0) {
						stale.add(name);
					}
				}
				stale.forEach(this::drop);
			}
			catch (SQLException ex) {
				log.warn("Could not sweep leftover test databases: {}", ex.getMessage());
			}
		}

		synchronized void dropCreated() {
			created.forEach(this::drop);
			created.clear();
		}

		private void drop(String name) {
			try {
				execute("DROP DATABASE IF EXISTS " + name + (postgres() ? " WITH (FORCE)" : ""));
			}
			catch (IllegalStateException ex) {
				log.warn("Could not drop test database {}: {}", name, ex.getMessage());
			}
		}

		private void execute(String sql) {
			try (Connection connection = connect(); var statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Test database server " + host + ":" + port + " refused `" + sql
						+ "`. Start PostgreSQL/MariaDB locally or a Docker engine (see README).", ex);
			}
		}

		private Connection connect() throws SQLException {
			return DriverManager.getConnection(url(adminDatabase), user, password);
		}
	}
}
