package retailflow.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.Cookie;
import static io.gatling.javaapi.http.HttpDsl.addCookie;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Open model of checkouts: shoppers arrive at {@code rate} per second whatever the server's latency; each takes a
 * signed-in session from a pool prepared before the run (registration hashes a password: not part of what is
 * measured), adds one unit of a random product to that session's cart, and checks out with a fresh Idempotency-Key.
 * The request named {@code checkout} is the one reported; {@code checkout warmup} and {@code add line} are not.
 *
 * <p>A session is never used by two virtual users at once: the pool is a first-in first-out queue a virtual user
 * takes a session from and puts it back into when done, so a session comes round again only after the whole pool
 * has been used (its previous order long settled and its cart emptied). An arrival that finds the pool empty places
 * no order and is counted ({@code out}: {@code no_free_session<TAB>N}): the pool was too small for the latency.
 *
 * <p>System properties: {@code base} (URL), {@code sessions} (tab-separated, first line the cookie names then
 * {@code csrf}; one session a line), {@code ids} (product ids, one a line), {@code price} (of every product: the
 * expected total of a one-line cart), {@code rate} (per second), {@code warmup} and {@code duration} (seconds),
 * {@code out} (a file for the count above).
 */
public class CheckoutRate extends Simulation {

	private static final String BASE = System.getProperty("base", "http://127.0.0.1:8080");
	private static final double RATE = Double.parseDouble(System.getProperty("rate", "20"));
	private static final int WARMUP = Integer.getInteger("warmup", 10);
	private static final int DURATION = Integer.getInteger("duration", 30);
	private static final String PRICE = System.getProperty("price", "19.99");
	private static final Path OUT = Path.of(System.getProperty("out", "checkout-rate.tsv"));
	private static final List<String> IDS = lines(System.getProperty("ids", ""));
	private static final List<String> SESSION_LINES = lines(System.getProperty("sessions", ""));
	private static final List<String> COOKIE_NAMES = Arrays
		.asList(SESSION_LINES.get(0).split("\t"))
		.subList(0, SESSION_LINES.get(0).split("\t").length - 1);
	private static final ConcurrentLinkedQueue<Map<String, Object>> POOL = new ConcurrentLinkedQueue<>();
	private static final AtomicInteger NO_FREE_SESSION = new AtomicInteger();

	static {
		for (String line : SESSION_LINES.subList(1, SESSION_LINES.size())) {
			String[] fields = line.split("\t", -1);
			Map<String, Object> session = new HashMap<>();
			for (int i = 0; i < COOKIE_NAMES.size(); i++) {
				session.put("cookie_" + i, fields[i]);
			}
			session.put("csrf", fields[COOKIE_NAMES.size()]);
			POOL.add(session);
		}
	}

	private static List<String> lines(String file) {
		if (file.isEmpty()) {
			throw new IllegalArgumentException("the ids and sessions files are required");
		}
		try {
			return Files.readAllLines(Path.of(file)).stream().filter(s -> !s.isBlank()).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Takes a free session from the pool into the virtual user's attributes (with a product and a key). */
	private static ChainBuilder takeSession() {
		return exec(session -> {
			Map<String, Object> taken = POOL.poll();
			if (taken == null) {
				NO_FREE_SESSION.incrementAndGet();
				return session.set("taken", false);
			}
			return session.setAll(taken)
				.set("taken", true)
				.set("pooled", taken)
				.set("productId", IDS.get(ThreadLocalRandom.current().nextInt(IDS.size())))
				.set("key", UUID.randomUUID().toString());
		});
	}

	private static ChainBuilder sendCookies() {
		String host = URI.create(BASE).getHost();
		ChainBuilder chain = exec(session -> session);
		for (int i = 0; i < COOKIE_NAMES.size(); i++) {
			chain = chain.exec(addCookie(Cookie(COOKIE_NAMES.get(i), "#{cookie_" + i + "}").withDomain(host).withPath("/")));
		}
		return chain;
	}

	private PopulationBuilder population(String checkoutName, int seconds) {
		String order = "{\"shipName\":\"B3\",\"shipAddress\":\"1 Main St\",\"shipCity\":\"Bench\",\"shipZip\":\"12345\","
				+ "\"cardNumber\":\"4242424242424242\",\"expectedTotal\":\"" + PRICE + "\"}";
		var checkout = scenario(checkoutName).exec(takeSession())
			.exitHereIf(session -> !session.getBoolean("taken"))
			.exec(sendCookies())
			.exec(http("add line").post("/api/v1/cart/lines")
				.header("X-XSRF-TOKEN", "#{csrf}")
				.body(StringBody("{\"productId\":#{productId},\"quantity\":1}"))
				.asJson()
				.check(status().is(200)))
			.doIf(session -> !session.isFailed())
			.then(exec(http(checkoutName).post("/api/v1/checkout")
				.header("X-XSRF-TOKEN", "#{csrf}")
				.header("Idempotency-Key", "#{key}")
				.body(StringBody(order))
				.asJson()
				.check(status().is(201))))
			.exec(session -> {
				POOL.add(session.get("pooled"));
				return session;
			});
		return checkout.injectOpen(constantUsersPerSec(RATE).during(seconds));
	}

	{
		HttpProtocolBuilder protocol = http.baseUrl(BASE)
			.disableWarmUp()
			.disableCaching()
			.disableFollowRedirect()
			.acceptHeader("application/json")
			.userAgentHeader("retailflow-bench-checkout");
		PopulationBuilder measured = population("checkout", DURATION);
		setUp(WARMUP > 0 ? population("checkout warmup", WARMUP).andThen(measured) : measured).protocols(protocol);
	}

	@Override
	public void after() {
		try {
			Files.writeString(OUT, "no_free_session\t" + NO_FREE_SESSION.get() + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
