package com.retailflow.platform.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, made from the local binaries ({@code initdb}, {@code pg_ctl}) on a free
 * port with its data under {@code target/}: for tests that stop, start or replicate a server, which they must never
 * do to the shared one. PostgreSQL refuses to run as root, so as root the binaries run as the OS user
 * {@code postgres}.
 */
public final class PrivatePostgres implements AutoCloseable {

	private final Path dataDirectory;
	private final int port;

	private PrivatePostgres(Path dataDirectory, int port) {
		this.dataDirectory = dataDirectory;
		this.port = port;
	}

	/**
	 * A new, not yet started server: {@code initdb} with superuser {@code postgres} and the given password; TCP
	 * sign-ins need the password (scram-sha-256), replication connections from 127.0.0.1 are allowed.
	 */
	public static PrivatePostgres initialise(Path dataDirectory, int port, String password) {
		try {
			deleteRecursively(dataDirectory);
			Files.createDirectories(dataDirectory.getParent());
			Path passwordFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".pw");
			Files.writeString(passwordFile, password + "\n");
			grantToServerUser(dataDirectory.getParent());
			grantToServerUser(passwordFile);
			run(Duration.ofMinutes(2), binary("initdb"), "-D", dataDirectory.toString(), "-U", "postgres",
					"--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
					"--locale=C");
			Files.writeString(dataDirectory.resolve("pg_hba.conf"),
					"host replication postgres 127.0.0.1/32 scram-sha-256\n", java.nio.file.StandardOpenOption.APPEND);
			return new PrivatePostgres(dataDirectory, port);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not prepare " + dataDirectory, ex);
		}
	}

	/** A server over an existing data directory (for example one made by {@code pg_basebackup}). */
	public static PrivatePostgres over(Path dataDirectory, int port) {
		return new PrivatePostgres(dataDirectory, port);
	}

	public int port() {
		return port;
	}

	public Path dataDirectory() {
		return dataDirectory;
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
	}

	/** Starts the server with extra {@code -c name=value} settings and waits until it accepts connections. */
	public PrivatePostgres start(String... settings) {
		var options = new StringBuilder("-p " + port + " -c listen_addresses=127.0.0.1 -k " + dataDirectory.getParent());
		for (String setting : settings) {
			options.append(" -c ").append(setting);
		}
		run(Duration.ofMinutes(2), binary("pg_ctl"), "-D", dataDirectory.toString(), "-l",
				dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log").toString(), "-o", options.toString(),
				"-w", "start");
		return this;
	}

	public void stop() {
		if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
			run(Duration.ofMinutes(1), binary("pg_ctl"), "-D", dataDirectory.toString(), "-m", "fast", "-w", "stop");
		}
	}

	@Override
	public void close() {
		stop();
	}

	/** Runs one of the local PostgreSQL programs ({@code pg_basebackup}, {@code psql}, …) as the server's user. */
	public static String run(Duration timeout, String... command) {
		List<String> full = new ArrayList<>();
		if (isRoot()) {
			full.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		full.addAll(List.of(command));
		try {
			Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException(String.join(" ", command) + " could not run", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The newest local PostgreSQL installation's program of that name. */
	public static String binary(String name) {
		try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
			return versions.map(version -> version.resolve("bin").resolve(name))
				.filter(Files::isExecutable)
				.max(Comparator.comparing(Path::toString))
				.orElseThrow(() -> new IllegalStateException(name + " not found under /usr/lib/postgresql/*/bin"))
				.toString();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No local PostgreSQL binaries under /usr/lib/postgresql", ex);
		}
	}

	/** As root, hands a folder or file to the OS user postgres, so that the server can use it. */
	public static void grantToServerUser(Path path) {
		if (isRoot()) {
			try {
				new ProcessBuilder("chown", "-R", "postgres", path.toString()).inheritIO().start().waitFor();
			}
			catch (IOException ex) {
				throw new IllegalStateException("chown " + path, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(path)) {
			for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(each);
			}
		}
	}
}
