package com.retailflow.runanywhere;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code java -jar retailflow-app.jar} as a real process, configured by the README's environment variables. */
final class AppProcess implements AutoCloseable {

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;
	private final Path log;
	private final int port;

	private AppProcess(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	static AppProcess start(String name, int port, Map<String, String> environment) throws IOException {
		Path jar = Path.of(System.getProperty("retailflow.jar", "target/retailflow-app.jar"));
		Path log = Path.of("target", "it-" + name + ".log");
		var builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar.toString(), "--server.port=" + port))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		return new AppProcess(builder.start(), log, port);
	}

	int status(String path) {
		try {
			return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
					HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	boolean isAlive() {
		return process.isAlive();
	}

	/** Waits for the process to end; the exit code, or -1 if it still runs after the limit. */
	int waitForExit(Duration limit) throws InterruptedException {
		return process.waitFor(limit.toSeconds(), TimeUnit.SECONDS) ? process.exitValue() : -1;
	}

	String output() {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
		}
	}
}
