import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * B4's lag probe: sustained legacy writes at a fixed rate, and for every k-th write the time from its commit on legacy
 * until the new side's API shows it.
 *
 * <p>Writes come from several connections on a fixed schedule. Each sets a product's price to a value no earlier write
 * used (prices only grow), in autocommit: when
 * executeUpdate returns, the row is committed on legacy. A probe then polls {@code GET /api/v1/products/{id}} every
 * {@code pollMs} until the price is at least the written one (a later write to the same id also counts as seen).
 *
 * <pre>
 * java --class-path mariadb-java-client.jar LagProbe.java JDBC_URL API_BASE RATE SECONDS PROBE_EVERY POLL_MS IDS_FILE OUT_JSON
 * </pre>
 */
public class LagProbe {

	/** Writer connections: one would cap the rate at 1 / (commit latency). */
	static final int WRITERS = 8;

	static final Pattern AMOUNT = Pattern.compile("\"price\"\\s*:\\s*\\{\\s*\"amount\"\\s*:\\s*\"([0-9.]+)\"");

	public static void main(String[] args) throws Exception {
		String jdbcUrl = args[0];
		String api = args[1];
		double rate = Double.parseDouble(args[2]);
		int seconds = Integer.parseInt(args[3]);
		int probeEvery = Integer.parseInt(args[4]);
		int pollMs = Integer.parseInt(args[5]);
		List<Long> ids = Files.readAllLines(Path.of(args[6])).stream().filter(s -> !s.isBlank()).map(Long::valueOf).toList();
		Path out = Path.of(args[7]);

		var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
		var lags = new ConcurrentLinkedQueue<Double>();
		var timedOut = new AtomicInteger();
		var probes = new AtomicInteger();
		var writes = new AtomicLong();
		long began = System.nanoTime();
		long deadline = began + Duration.ofSeconds(seconds).toNanos();
		try (var probing = Executors.newVirtualThreadPerTaskExecutor();
				var writing = Executors.newFixedThreadPool(WRITERS)) {
			List<Future<?>> writers = new ArrayList<>();
			for (int w = 0; w < WRITERS; w++) {
				int first = w;
				writers.add(writing.submit(() -> {
					// Writer w does writes w, w + WRITERS, …, each at its due time: the schedule does not slow down
					// when a write is slow, so a slow legacy shows as a lower achieved rate, not a gentler test.
					try (var connection = DriverManager.getConnection(jdbcUrl);
							var update = connection.prepareStatement("UPDATE products SET price = ? WHERE id = ?")) {
						connection.setAutoCommit(true);
						for (long i = first;; i += WRITERS) {
							long due = began + (long) (i * 1e9 / rate);
							if (due >= deadline) {
								return null;
							}
							long wait = due - System.nanoTime();
							if (wait > 0) {
								Thread.sleep(Duration.ofNanos(wait));
							}
							long id = ids.get((int) (i % ids.size()));
							double price = 100_000 + i;
							update.setFloat(1, (float) price);
							update.setLong(2, id);
							update.executeUpdate();
							long committed = System.nanoTime();
							writes.incrementAndGet();
							if (i % probeEvery == 0) {
								probes.incrementAndGet();
								probing.submit(() -> probe(http, api, id, price, committed, pollMs, lags, timedOut));
							}
						}
					}
				}));
			}
			for (var writer : writers) {
				writer.get();
			}
		}
		long ended = Math.min(System.nanoTime(), deadline);
		double elapsed = (ended - began) / 1e9;
		List<Double> sorted = new ArrayList<>(lags);
		Collections.sort(sorted);
		String json = String.format(Locale.ROOT, """
				{"writes": %d, "seconds": %.3f, "writes_per_s": %.1f, "probes": %d, "probes_seen": %d, "probes_timed_out": %d,
				 "lag_p50_ms": %s, "lag_p95_ms": %s, "lag_p99_ms": %s, "lag_max_ms": %s, "poll_ms": %d}
				""", writes.get(), elapsed, writes.get() / elapsed, probes.get(), sorted.size(), timedOut.get(), pct(sorted, 0.50),
				pct(sorted, 0.95), pct(sorted, 0.99), sorted.isEmpty() ? "null" : fmt(sorted.getLast()), pollMs);
		Files.writeString(out, json);
		System.out.print(json);
	}

	static void probe(HttpClient http, String api, long id, double price, long committed, int pollMs,
			ConcurrentLinkedQueue<Double> lags, AtomicInteger timedOut) {
		var request = HttpRequest.newBuilder(URI.create(api + "/api/v1/products/" + id)).timeout(Duration.ofSeconds(5)).build();
		long deadline = committed + Duration.ofSeconds(30).toNanos();
		try {
			while (System.nanoTime() < deadline) {
				var response = http.send(request, HttpResponse.BodyHandlers.ofString());
				var amount = AMOUNT.matcher(response.body());
				if (response.statusCode() == 200 && amount.find() && Double.parseDouble(amount.group(1)) >= price) {
					lags.add((System.nanoTime() - committed) / 1e6);
					return;
				}
				Thread.sleep(pollMs);
			}
		}
		catch (Exception ex) {
			// counted below
		}
		timedOut.incrementAndGet();
	}

	static String pct(List<Double> sorted, double p) {
		if (sorted.isEmpty()) {
			return "null";
		}
		return fmt(sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)));
	}

	static String fmt(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}
}
