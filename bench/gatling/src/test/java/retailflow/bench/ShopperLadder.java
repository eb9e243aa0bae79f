package retailflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Finds the largest arrival rate of shoppers a server keeps under a p99 limit with no errors, while the shoppers
 * arrive (open model) and browse. It runs in the Gatling JVM next to the injector, which offers shoppers at a fixed
 * {@code cap} per second; {@link #admit()} lets through the share {@code rate / cap} of them, so the rate can change
 * between levels without a new run (the thinned arrivals stay random).
 *
 * <p>The search: {@code warmup} seconds at {@code start}, not judged (the server's and Gatling's JIT). Probe levels of
 * {@code probe} seconds double the rate from {@code start} (or halve it while it fails) until one fails after one
 * passed, judged on their last 5 seconds, before the population has filled: they only bracket the answer. Then full
 * levels, each {@code fill} seconds for the population to reach its steady size (one visit) plus {@code measure}
 * seconds judged: first the failing probe's rate again (if it passes, the probes go on doubling from there), then
 * {@code bisect} geometric midpoints between the highest passing and the lowest failing rate, and, if only a probe
 * passed the lower end, that rate in full (halved while it fails, then bisected once more). The answer is the highest
 * full level that passed, with the shoppers that were in a visit during its judged seconds (counted, not derived from
 * the rate). After a failed level no
 * shoppers arrive until the server answers fast again ({@link #recover}).
 *
 * <p>A level fails when the pages started in its judged seconds had a p99 of {@code limit} ms or more, or one of them
 * answered anything but 200 (after redirects), timed out or had not finished 2.5 s after the window closed. A level
 * clearly failing stops early: over half the pages of the last 5 s bad 15 s in, or over 5 % once its judged seconds
 * have run 5 s. Each level writes one tab-separated line to {@code out}: with the CPU this JVM used (the load
 * generator: near 100 % it, not the server, may be the limit), how busy the server core was ({@code /proc/stat}: all
 * processes) and how much of it the run's own servers used ({@code cpuacct}, the run's cgroup).
 */
final class ShopperLadder {

	static final double CAP = Double.parseDouble(System.getProperty("cap", "1000"));
	private static final double START = Double.parseDouble(System.getProperty("start", "10"));
	private static final int WARMUP_S = Integer.getInteger("warmup", 30);
	private static final int PROBE_S = Integer.getInteger("probe", 10);
	private static final int FILL_S = Integer.getInteger("fill", 30);
	private static final int MEASURE_S = Integer.getInteger("measure", 10);
	private static final int BISECT = Integer.getInteger("bisect", 2);
	private static final int LIMIT_MS = Integer.getInteger("limit", 500);
	private static final String SERVER_CPU = System.getProperty("serverCpu", "1");
	/** cpuacct.usage_percpu of the run's cgroup (servers and this JVM; this JVM is on another core), if any */
	private static final String CPUACCT = System.getProperty("cpuacct", "");
	private static final Path OUT = Path.of(System.getProperty("out", "shoppers-ladder.tsv"));
	private static final double MIN_RATE = 0.25;
	/** per-second buckets (ring) of requests started and of those that failed or were slow, for the early stop */
	private static final int RING = 64;

	private static final long EPOCH = System.nanoTime();
	private static final AtomicInteger SHOPPERS_IN_VISIT = new AtomicInteger();
	private static final AtomicLongArray STARTED = new AtomicLongArray(RING);
	private static final AtomicLongArray BAD = new AtomicLongArray(RING);
	private static final AtomicLongArray SECOND_OF_BUCKET = new AtomicLongArray(RING);

	private static volatile double rate;
	private static volatile boolean finished;
	private static volatile Window window;
	private static URI home;
	private static final HttpClient PROBE_CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private ShopperLadder() {
	}

	/** Milliseconds since this class was loaded: request start times are on this clock. */
	static long now() {
		return (System.nanoTime() - EPOCH) / 1_000_000;
	}

	static boolean finished() {
		return finished;
	}

	/** Whether an arriving shopper of the injector's {@code cap} per second is one of this level's arrivals. */
	static boolean admit() {
		if (finished || ThreadLocalRandom.current().nextDouble() * CAP >= rate) {
			return false;
		}
		SHOPPERS_IN_VISIT.incrementAndGet();
		return true;
	}

	static void visitEnded() {
		SHOPPERS_IN_VISIT.decrementAndGet();
	}

	/** One page: started at {@code startMs} ({@link #now()}), took {@code tookMs}, {@code ok} = 200 in time. */
	static void record(String page, long startMs, long tookMs, boolean ok) {
		boolean bad = !ok || tookMs >= LIMIT_MS;
		long second = startMs / 1000;
		int slot = (int) (second % RING);
		if (SECOND_OF_BUCKET.get(slot) != second) {
			synchronized (SECOND_OF_BUCKET) {
				if (SECOND_OF_BUCKET.get(slot) != second) {
					STARTED.set(slot, 0);
					BAD.set(slot, 0);
					SECOND_OF_BUCKET.set(slot, second);
				}
			}
		}
		STARTED.incrementAndGet(slot);
		if (bad) {
			BAD.incrementAndGet(slot);
		}
		Window w = window;
		if (w != null) {
			w.add(page, startMs, tookMs, ok);
		}
	}

	/** Starts the search on a daemon thread; {@link #finished()} turns true when it has its answer. */
	static void start(String side, String base) {
		Thread thread = new Thread(() -> {
			try {
				search(side, URI.create(base + "/"));
			}
			catch (RuntimeException | InterruptedException ex) {
				line("error\t" + side + "\t" + ex);
			}
			finally {
				finished = true;
			}
		}, "shopper-ladder");
		thread.setDaemon(true);
		thread.start();
	}

	private static void search(String side, URI home) throws InterruptedException {
		ShopperLadder.home = home;
		line("side\tkind\tarrivals_per_s\tshoppers\trequests\treq_per_s\tp50_ms\tp99_ms\tmax_ms\tfailed\tunfinished"
				+ "\tloadgen_cpu_pct\tserver_core_busy_pct\tservers_cpu_pct\tseconds\tpass\tp99_ms_by_page");
		// both JITs (server and Gatling) compile during the first seconds: not judged
		level(side, "warm-up", START, 0, WARMUP_S, Math.min(5, WARMUP_S));
		double r = START;
		double probePass = 0; // the highest rate a probe passed (not yet judged in full)
		double pass = 0; // the highest rate a full level passed
		double fail = 0; // the lowest rate a full level failed (0: none)
		Result best = null;
		while (true) {
			double probeFail = 0;
			while (true) {
				if (level(side, "probe", r, 0, PROBE_S, Math.min(5, PROBE_S)).pass()) {
					probePass = Math.max(probePass, r);
					if (probeFail > 0 || r >= CAP) {
						break;
					}
					r = Math.min(r * 2, CAP);
				}
				else {
					probeFail = r;
					if (probePass > 0 || r / 2 < MIN_RATE) {
						break;
					}
					r /= 2;
				}
			}
			if (probeFail == 0 || probePass == 0) {
				break; // passing at the cap, or nothing passes
			}
			// the failing probe's rate is judged again as a full level: a probe can fail for a passing reason (the
			// JIT, another process); if it passes, the probes go on doubling from there
			Result result = level(side, "full", probeFail, FILL_S, MEASURE_S, MEASURE_S);
			if (!result.pass()) {
				fail = probeFail;
				break;
			}
			pass = probeFail;
			probePass = probeFail;
			best = result;
			if (probeFail >= CAP) {
				break;
			}
			r = Math.min(probeFail * 2, CAP);
		}
		double low = probePass;
		// two rounds at most: if the lower end only a probe passed fails in full, bisect again below it
		for (int attempt = 0; attempt < 2; attempt++) {
			for (int i = 0; i < BISECT && low >= MIN_RATE && fail > 0; i++) {
				double mid = round(Math.sqrt(low * fail));
				if (mid <= low || mid >= fail) {
					break;
				}
				Result result = level(side, "full", mid, FILL_S, MEASURE_S, MEASURE_S);
				if (result.pass()) {
					low = mid;
					pass = mid;
					best = result;
				}
				else {
					fail = mid;
				}
			}
			// the lower end of the bracket, if only a probe passed it: judged in full, halved while it fails
			boolean lowFailed = false;
			while (low > pass && low >= MIN_RATE) {
				Result result = level(side, "full", low, FILL_S, MEASURE_S, MEASURE_S);
				if (result.pass()) {
					pass = low;
					best = result;
					break;
				}
				lowFailed = true;
				fail = low;
				low = low / 2;
			}
			if (!lowFailed || best == null) {
				break;
			}
			low = pass;
		}
		line(String.format(Locale.ROOT, "max\t%s\t%s\t%d\t%s\t%s", side, num(pass), best == null ? 0 : best.shoppers(),
				fail > 0 ? num(fail) : "none", fail == 0 && best != null ? "capped" : "bracketed"));
	}

	private static double round(double r) {
		return r >= 10 ? Math.round(r) : Math.round(r * 100) / 100.0;
	}

	private static String num(double r) {
		return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
	}

	/**
	 * Runs one level: the rate for {@code fill + measure} seconds, judging the requests started in the last
	 * {@code judged} seconds.
	 */
	private static Result level(String side, String kind, double r, int fill, int measure, int judged)
			throws InterruptedException {
		rate = r;
		long begin = now();
		long windowStart = begin + (fill + measure - judged) * 1000L;
		long windowEnd = begin + (fill + measure) * 1000L;
		Window w = new Window(windowStart, windowEnd);
		window = w;
		long cpu0 = processCpuNanos();
		long[] core0 = coreTicks();
		long ours0 = serverCoreNanosOfRun();
		long shopperSum = 0;
		int samples = 0;
		boolean stoppedEarly = false;
		while (now() < windowEnd) {
			Thread.sleep(1000);
			long t = now();
			if (t >= windowStart) {
				shopperSum += SHOPPERS_IN_VISIT.get();
				samples++;
			}
			// a level that is clearly failing ends early: over half the pages bad late in the fill (an overloaded
			// level's backlog is gone by then), or over 5 % once its judged seconds have run for 5 s
			double bad = kind.equals("warm-up") ? 0 : recentBadShare(t);
			if ((t - begin >= 15_000 && bad > 0.5) || (t >= windowStart + 5000 && bad > 0.05)) {
				stoppedEarly = true;
				break;
			}
		}
		long took = now() - begin;
		long cpu1 = processCpuNanos();
		long[] core1 = coreTicks();
		long ours1 = serverCoreNanosOfRun();
		// requests started in the window get 2 s to finish (Gatling's request timeout) before they count as unfinished
		long waitUntil = now() + 2500;
		while (!stoppedEarly && w.unfinished() > 0 && now() < waitUntil) {
			Thread.sleep(100);
		}
		Result result = w.result(samples == 0 ? SHOPPERS_IN_VISIT.get() : (int) (shopperSum / samples), stoppedEarly);
		double loadgen = (cpu1 - cpu0) / 1e4 / took;
		double busy = core1[1] - core0[1] > 0 ? 100.0 * (core1[0] - core0[0]) / (core1[1] - core0[1]) : -1;
		double ours = ours0 < 0 ? -1 : (ours1 - ours0) / 1e4 / took;
		line(String.format(Locale.ROOT,
				"%s\t%s\t%s\t%d\t%d\t%.0f\t%d\t%d\t%d\t%d\t%d\t%.0f\t%.0f\t%.0f\t%.0f\t%s\t%s", side, kind, num(r),
				result.shoppers(), result.requests(), result.requests() / (judged * 1.0), result.p50(), result.p99(),
				result.max(), result.failed(), result.unfinished(), loadgen, busy, ours, took / 1000.0,
				result.pass() ? "yes" : stoppedEarly ? "no (stopped early)" : "no", result.p99ByPage()));
		window = null;
		if (!result.pass() && !kind.equals("warm-up")) {
			recover(side);
		}
		return result;
	}

	/**
	 * After a failed level, no shoppers arrive until the server answers the home page three times in a row within a
	 * fifth of the limit (at most 120 s): an overload's backlog (legacy's php-fpm queue holds requests whose shoppers
	 * gave up) must not be judged as the next level's.
	 */
	private static void recover(String side) throws InterruptedException {
		rate = 0;
		long begin = now();
		int fast = 0;
		while (fast < 3 && now() - begin < 120_000) {
			long t = now();
			try {
				HttpResponse<Void> answer = PROBE_CLIENT.send(
						HttpRequest.newBuilder(home).timeout(Duration.ofSeconds(2)).GET().build(),
						HttpResponse.BodyHandlers.discarding());
				fast = answer.statusCode() == 200 && now() - t < LIMIT_MS / 5 ? fast + 1 : 0;
			}
			catch (IOException ex) {
				fast = 0;
			}
			Thread.sleep(500);
		}
		line(String.format(Locale.ROOT, "%s\trest\t0\t%d\t\t\t\t\t\t\t\t\t\t\t%.0f\t%s\t", side,
				SHOPPERS_IN_VISIT.get(), (now() - begin) / 1000.0, fast >= 3 ? "recovered" : "not recovered"));
	}

	private static double recentBadShare(long t) {
		long second = t / 1000;
		long started = 0;
		long bad = 0;
		for (long s = second - 5; s < second; s++) {
			int slot = (int) (s % RING);
			if (SECOND_OF_BUCKET.get(slot) == s) {
				started += STARTED.get(slot);
				bad += BAD.get(slot);
			}
		}
		return started < 20 ? 0 : (double) bad / started;
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/** The server core's {busy, total} jiffies from /proc/stat (busy = all but idle and iowait). */
	private static long[] coreTicks() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
				String[] f = line.trim().split("\\s+");
				if (f[0].equals("cpu" + SERVER_CPU)) {
					long total = 0;
					for (int i = 1; i < f.length; i++) {
						total += Long.parseLong(f[i]);
					}
					long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
					return new long[] { total - idle, total };
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// no /proc/stat: reported as -1
		}
		return new long[] { 0, 0 };
	}

	/** CPU time the run's own processes used on the server core, or -1 without a cgroup to read. */
	private static long serverCoreNanosOfRun() {
		if (CPUACCT.isEmpty()) {
			return -1;
		}
		try {
			String[] perCpu = Files.readString(Path.of(CPUACCT)).trim().split("\\s+");
			return Long.parseLong(perCpu[Integer.parseInt(SERVER_CPU)]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	private static synchronized void line(String text) {
		try {
			Files.writeString(OUT, text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.out.println("[ladder] " + text);
	}

	/** Page times of one kind, in milliseconds. */
	private static final class Samples {

		private int[] took = new int[1024];
		private int count;
		private int failed;

		void add(long tookMs, boolean ok) {
			if (count == took.length) {
				took = Arrays.copyOf(took, count * 2);
			}
			took[count++] = (int) Math.min(Integer.MAX_VALUE, tookMs);
			if (!ok) {
				failed++;
			}
		}

		/** {p50, p99, max} (nearest rank). */
		int[] percentiles() {
			if (count == 0) {
				return new int[] { 0, 0, 0 };
			}
			int[] sorted = Arrays.copyOf(took, count);
			Arrays.sort(sorted);
			return new int[] { sorted[(int) Math.ceil(0.50 * count) - 1], sorted[(int) Math.ceil(0.99 * count) - 1],
					sorted[count - 1] };
		}

	}

	/** The requests started in one level's judged seconds. */
	private static final class Window {

		private final long start;
		private final long end;
		private final Samples all = new Samples();
		private final Map<String, Samples> byPage = new TreeMap<>();
		private final AtomicInteger inFlight = new AtomicInteger();

		Window(long start, long end) {
			this.start = start;
			this.end = end;
		}

		boolean covers(long startMs) {
			return startMs >= start && startMs < end;
		}

		void started(long startMs) {
			if (covers(startMs)) {
				inFlight.incrementAndGet();
			}
		}

		synchronized void add(String page, long startMs, long tookMs, boolean ok) {
			if (!covers(startMs)) {
				return;
			}
			inFlight.decrementAndGet();
			all.add(tookMs, ok);
			byPage.computeIfAbsent(page, p -> new Samples()).add(tookMs, ok);
		}

		int unfinished() {
			return Math.max(0, inFlight.get());
		}

		synchronized Result result(int shoppers, boolean stoppedEarly) {
			int[] p = all.percentiles();
			int unfinished = unfinished();
			boolean pass = !stoppedEarly && all.count > 0 && p[1] < LIMIT_MS && all.failed == 0 && unfinished == 0;
			StringBuilder pages = new StringBuilder();
			byPage.forEach((page, samples) -> pages.append(pages.isEmpty() ? "" : " ")
				.append(page).append(' ').append(samples.percentiles()[1])
				.append(samples.failed > 0 ? "/" + samples.failed + "failed" : ""));
			return new Result(shoppers, all.count, p[0], p[1], p[2], all.failed, unfinished, pass, pages.toString());
		}

	}

	/** Called when a page request starts, so requests that never finish are counted too. */
	static void started(long startMs) {
		Window w = window;
		if (w != null) {
			w.started(startMs);
		}
	}

	record Result(int shoppers, int requests, int p50, int p99, int max, int failed, int unfinished, boolean pass,
			String p99ByPage) {
	}


}
