package com.retailflow.runanywhere;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.retailflow.platform.testing.LegacyShop;

/** {@code ./run.sh} of this repository as a real process, with its output in a file under {@code target/}. */
final class RunScript implements AutoCloseable {

	private static final Pattern INSTANCE = Pattern.compile("starting app instance (\\d+) on http://127\\.0\\.0\\.1:(\\d+)");

	private final Process process;
	private final Path output;

	private RunScript(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	static RunScript start(String name, Map<String, String> environment, String... arguments) throws IOException {
		Path root = LegacyShop.legacyDirectory().getParent();
		Path output = Path.of("target", "it-run-" + name + ".log").toAbsolutePath();
		List<String> command = new ArrayList<>(List.of("bash", root.resolve("run.sh").toString()));
		command.addAll(List.of(arguments));
		var builder = new ProcessBuilder(command).directory(root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		builder.environment().putAll(environment);
		return new RunScript(builder.start(), output);
	}

	/** Waits for "[run] ready:"; fails with the output when the script ends first or the limit passes. */
	RunScript awaitReady(Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (output().contains("[run] ready:")) {
				return this;
			}
			if (!process.isAlive()) {
				throw new AssertionError("run.sh ended with " + process.exitValue() + " before it was ready:\n" + output());
			}
			Thread.sleep(500);
		}
		throw new AssertionError("run.sh was not ready within " + limit + ":\n" + output());
	}

	/** Waits for the script to end; its exit code, or -1 if it still runs after the limit. */
	int awaitExit(Duration limit) throws InterruptedException {
		return process.waitFor(limit.toSeconds(), TimeUnit.SECONDS) ? process.exitValue() : -1;
	}

	/** Ports of the app instances, in order (instance 1 first). */
	List<Integer> instancePorts() {
		List<Integer> ports = new ArrayList<>();
		Matcher matcher = INSTANCE.matcher(output());
		while (matcher.find()) {
			ports.add(Integer.parseInt(matcher.group(2)));
		}
		return ports;
	}

	String output() {
		try {
			return Files.readString(output);
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** The process id of the app listening on a port, from the processes started by this script. */
	long appPid(int port) {
		return process.descendants()
			.filter(child -> child.info().commandLine().orElse("").contains("--server.port=" + port))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no app process for port " + port))
			.pid();
	}

	/** Stops the script as Ctrl-C would (it then stops everything it started). */
	@Override
	public void close() throws InterruptedException {
		if (process.isAlive()) {
			process.toHandle().destroy();
			if (!process.waitFor(90, TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly().waitFor();
			}
		}
	}
}
