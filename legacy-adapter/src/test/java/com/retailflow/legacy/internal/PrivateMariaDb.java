package com.retailflow.legacy.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.retailflow.platform.testing.LegacyShop;
import com.retailflow.platform.testing.TestDatabases;

import org.jspecify.annotations.Nullable;

/**
 * A MariaDB server of the test's own (never the shared one), from the local binaries, with its data directory under
 * {@code target/}: a test may stop and restart it to show what legacy being down does.
 */
final class PrivateMariaDb implements AutoCloseable {

	private final Path directory;
	private final int port;
	private @Nullable Process server;

	private PrivateMariaDb(Path directory, int port) {
		this.directory = directory;
		this.port = port;
	}

	/** Installs a fresh data directory and starts the server on a free port. */
	static PrivateMariaDb start() {
		try {
			Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()),
					"private-mariadb-");
			run(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + directory.resolve("data"),
					"--auth-root-authentication-method=normal", "--skip-test-db"), directory);
			var instance = new PrivateMariaDb(directory, LegacyShop.freePort());
			instance.startServer();
			return instance;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not install a private MariaDB", ex);
		}
	}

	/** A new database on this server, seeded by the legacy shop's seeder. */
	TestDatabases.Database seededDatabase(String name, int products) throws SQLException {
		String url = "jdbc:mariadb://127.0.0.1:" + port + "/" + name + "?allowPublicKeyRetrieval=true&useSsl=false";
		try (var connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "")) {
			connection.createStatement().execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
		}
		var database = new TestDatabases.Database(url, "root", "", name, "127.0.0.1", port);
		LegacyShop.seed(database, products, 5);
		return database;
	}

	/** Shuts the server down cleanly (SIGTERM) and waits until it is gone. */
	void stop() throws InterruptedException {
		Process process = server;
		if (process != null) {
			process.destroy();
			process.waitFor(60, TimeUnit.SECONDS);
			server = null;
		}
	}

	/** Starts the server again on the same port and data. */
	void restart() {
		startServer();
	}

	private void startServer() {
		List<String> command = new ArrayList<>(List.of("mariadbd", "--no-defaults", "--datadir=" + directory.resolve("data"),
				"--port=" + port, "--bind-address=127.0.0.1", "--socket=" + directory.resolve("mysqld.sock"),
				"--pid-file=" + directory.resolve("mysqld.pid"), "--skip-log-bin", "--innodb-buffer-pool-size=32M"));
		if ("root".equals(System.getProperty("user.name"))) {
			command.add("--user=root");
		}
		try {
			server = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("server.log").toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start mariadbd", ex);
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			try (var socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return;
			}
			catch (IOException notYet) {
				if (!server.isAlive()) {
					throw new IllegalStateException("mariadbd exited; see " + directory.resolve("server.log"));
				}
				sleep();
			}
		}
		throw new IllegalStateException("mariadbd did not listen on " + port + " within 60 s");
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

	private static void run(List<String> command, Path directory) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("install.log").toFile()))
			.start();
		try {
			if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed; see " + directory.resolve("install.log"));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
