package com.retailflow.platform.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

/**
 * The real legacy PHP shop for tests: a fresh MariaDB database seeded by {@code legacy-php/seed.php} and PHP's
 * built-in server (several workers) serving {@code legacy-php/public}, with the debug echo page on. One shop
 * per JVM and product count; stopped after the Spring contexts close. PHP is installed from Debian's packages
 * when missing (via {@code legacy-php/lib.sh}, as root), so a test never skips for lack of it.
 */
public final class LegacyShop {

	private static final Logger log = LoggerFactory.getLogger(LegacyShop.class);
	private static final Map<Integer, LegacyShop> shops = new java.util.concurrent.ConcurrentHashMap<>();

	private final TestDatabases.Database database;
	private final Process server;
	private final int port;
	private volatile boolean frozen;

	private LegacyShop(TestDatabases.Database database, Process server, int port) {
		this.database = database;
		this.server = server;
		this.port = port;
	}

	/** The shared shop of this JVM with the given number of seeded products. */
	public static LegacyShop withProducts(int products) {
		return shops.computeIfAbsent(products, LegacyShop::start);
	}

	/**
	 * A shop of the caller's own, not shared with the other tests of the JVM: for tests that freeze or kill it.
	 * Stopped with the JVM like the shared ones.
	 */
	public static LegacyShop ownShop(int products) {
		return start(products);
	}

	/**
	 * SIGSTOP to the server and its workers: the kernel still accepts connections, but nothing reads or answers
	 * them, which is how a hung PHP-FPM looks from the proxy.
	 */
	public void freeze() {
		signal("STOP");
		frozen = true;
	}

	/** SIGCONT: a frozen shop answers again, the requests that waited included. */
	public void thaw() {
		signal("CONT");
		frozen = false;
	}

	/** Kills the server and its workers at once (SIGKILL): from then on connections are refused. */
	public void kill() {
		var processes = java.util.stream.Stream.concat(server.descendants(), java.util.stream.Stream.of(server.toHandle()))
			.toList();
		processes.forEach(ProcessHandle::destroyForcibly);
		processes.forEach(process -> process.onExit().join());
	}

	private void signal(String signal) {
		var command = new java.util.ArrayList<>(List.of("kill", "-" + signal, String.valueOf(server.pid())));
		server.descendants().forEach(process -> command.add(String.valueOf(process.pid())));
		run(Path.of("."), Map.of(), Duration.ofSeconds(10), command.toArray(String[]::new));
	}

	public String url() {
		return "http://127.0.0.1:" + port;
	}

	public int port() {
		return port;
	}

	public TestDatabases.Database database() {
		return database;
	}

	public static Path legacyDirectory() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			if (Files.isDirectory(dir.resolve("legacy-php/public"))) {
				return dir.resolve("legacy-php");
			}
			dir = dir.getParent();
		}
		throw new IllegalStateException("legacy-php/ not found above " + Path.of("").toAbsolutePath());
	}

	private static LegacyShop start(int products) {
		Path legacy = legacyDirectory();
		ensurePhp(legacy);
		var database = TestDatabases.newMariaDb();
		seed(database, products, 50);
		Map<String, String> env = environment(database);
		int port = freePort();
		var builder = new ProcessBuilder("php", "-d", "display_errors=0", "-d", "log_errors=1", "-S",
				"127.0.0.1:" + port, "-t", legacy.resolve("public").toString()).directory(legacy.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile()));
		builder.environment().putAll(env);
		builder.environment().put("PHP_CLI_SERVER_WORKERS", "4");
		builder.environment().put("LEGACY_DEBUG", "1");
		try {
			Process server = builder.start();
			var shop = new LegacyShop(database, server, port);
			SpringApplication.getShutdownHandlers().add(shop::stop);
			Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(shop::stop));
			waitForPort(port, server);
			log.info("Legacy shop on {} with {} products (database {})", shop.url(), products, database.name());
			return shop;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start php -S", ex);
		}
	}

	/** Seeds a database with the legacy seeder (deterministic for a given size). */
	public static void seed(TestDatabases.Database database, int products, int customers) {
		Path legacy = legacyDirectory();
		ensurePhp(legacy);
		run(legacy, environment(database), Duration.ofMinutes(5), "php", "seed.php", "--products=" + products,
				"--customers=" + customers, "--db=" + database.name());
	}

	private static Map<String, String> environment(TestDatabases.Database database) {
		return Map.of("LEGACY_DB_HOST", database.host(), "LEGACY_DB_PORT", String.valueOf(database.port()),
				"LEGACY_DB_USER", database.username(), "LEGACY_DB_PASSWORD", database.password(), "LEGACY_DB_NAME",
				database.name());
	}

	void stop() {
		if (frozen) {
			// A stopped process keeps SIGTERM pending until it runs again.
			thaw();
		}
		server.descendants().forEach(ProcessHandle::destroy);
		server.destroy();
	}

	private static File logFile() {
		Path dir = Path.of("target");
		try {
			Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return dir.resolve("legacy-php-server.log").toFile();
	}

	private static void ensurePhp(Path legacy) {
		if (commandExists("php")) {
			return;
		}
		log.info("php not found: installing it from Debian's packages (legacy-php/lib.sh)");
		run(legacy, Map.of(), Duration.ofMinutes(10), "bash", "-c", ". ./lib.sh && legacy_ensure_packages");
	}

	private static boolean commandExists(String command) {
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
			if (Files.isExecutable(Path.of(dir, command))) {
				return true;
			}
		}
		return false;
	}

	private static void run(Path dir, Map<String, String> env, Duration timeout, String... command) {
		try {
			var builder = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
			builder.environment().putAll(env);
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(String.join(" ", command) + " could not run", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static int freePort() {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The first of {@code count} consecutive free ports below Linux's ephemeral range (32768 and up). A script that
	 * binds ports it chose some seconds earlier needs these: a port in the ephemeral range can be taken meanwhile by
	 * any outgoing connection on the machine, which a check for a listener does not see.
	 */
	public static int freePortsBelowEphemeralRange(int count) {
		var random = java.util.concurrent.ThreadLocalRandom.current();
		for (int attempt = 0; attempt < 200; attempt++) {
			int first = random.nextInt(20_000, 32_000 - count);
			if (java.util.stream.IntStream.range(first, first + count).allMatch(LegacyShop::canBind)) {
				return first;
			}
		}
		throw new IllegalStateException("no " + count + " consecutive free ports between 20000 and 32000");
	}

	private static boolean canBind(int port) {
		try (var socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void waitForPort(int port, Process server) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			if (!server.isAlive()) {
				throw new IllegalStateException("php -S exited with " + server.exitValue() + " (see target/legacy-php-server.log)");
			}
			try (var socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return;
			}
			catch (IOException ex) {
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ie) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ie);
				}
			}
		}
		throw new IllegalStateException("php -S did not listen on " + port + " within 20 s");
	}
}
