package retailflow.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Open model, constant arrival rate: new requests start at {@code rate} per second whatever the server's
 * latency, so a slow server cannot slow the generator down (no coordinated omission). Virtual users share a
 * keep-alive connection pool ({@code shareConnections}), as a browser population behind one CDN edge would;
 * when every pooled connection is busy Gatling opens another one.
 *
 * <p>System properties:
 * <ul>
 * <li>{@code targets}: {@code name|baseUrl|path;name|baseUrl|path...}, path may contain {@code #{id}}; the
 * targets run one after another, each with its own warm-up (excluded: reported under "NAME warmup")</li>
 * <li>{@code rate} (per second), {@code duration} and {@code warmup} (seconds)</li>
 * <li>{@code ids}: a file with one product id per line, picked uniformly at random</li>
 * <li>{@code cookie}: a Cookie header sent on every request</li>
 * </ul>
 */
public class OpenRate extends Simulation {

	private static final double RATE = Double.parseDouble(System.getProperty("rate", "100"));
	private static final int DURATION = Integer.getInteger("duration", 30);
	private static final int WARMUP = Integer.getInteger("warmup", 5);
	private static final String COOKIE = System.getProperty("cookie", "");
	private static final long[] IDS = loadIds(System.getProperty("ids", ""));

	private static long[] loadIds(String file) {
		if (file.isEmpty()) {
			return new long[] { 1 };
		}
		try {
			return Files.readAllLines(Path.of(file)).stream().map(String::trim).filter(s -> !s.isEmpty())
				.mapToLong(Long::parseLong).toArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static final Iterator<Map<String, Object>> RANDOM_IDS = new Iterator<>() {
		@Override
		public boolean hasNext() {
			return true;
		}

		@Override
		public Map<String, Object> next() {
			return Collections.singletonMap("id", IDS[ThreadLocalRandom.current().nextInt(IDS.length)]);
		}
	};

	private PopulationBuilder population(String name, String baseUrl, String path, double rate, int seconds) {
		HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
			.shareConnections()
			.disableWarmUp()
			.disableCaching()
			.disableFollowRedirect()
			.acceptHeader("text/html,application/json;q=0.9,*/*;q=0.8")
			.userAgentHeader("retailflow-bench");
		var request = http(name).get(path);
		if (!COOKIE.isEmpty()) {
			request = request.header("Cookie", COOKIE);
		}
		return scenario(name).feed(RANDOM_IDS).exec(request)
			.injectOpen(constantUsersPerSec(rate).during(seconds))
			.protocols(protocol);
	}

	{
		List<PopulationBuilder> chain = new ArrayList<>();
		for (String spec : System.getProperty("targets", "").split(";")) {
			if (spec.isBlank()) {
				continue;
			}
			String[] parts = spec.split("\\|", 3);
			if (parts.length != 3) {
				throw new IllegalArgumentException("target must be name|baseUrl|path: " + spec);
			}
			if (WARMUP > 0) {
				chain.add(population(parts[0] + " warmup", parts[1], parts[2], RATE, WARMUP));
			}
			chain.add(population(parts[0], parts[1], parts[2], RATE, DURATION));
		}
		if (chain.isEmpty()) {
			throw new IllegalArgumentException("no -Dtargets");
		}
		// andThen(a, b) would start a and b together: nest instead, so each target runs alone.
		PopulationBuilder sequence = chain.get(chain.size() - 1);
		for (int i = chain.size() - 2; i >= 0; i--) {
			sequence = chain.get(i).andThen(sequence);
		}
		setUp(sequence);
	}
}
