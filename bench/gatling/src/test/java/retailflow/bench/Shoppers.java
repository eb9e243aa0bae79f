package retailflow.bench;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Open model of browsing shoppers: shoppers arrive at a rate whatever the server's latency; each has a browser of
 * their own (own connections and cookies: the PHP session and the proxy's visit cookies are handed out on the first
 * page and kept, redirects followed) and browses home, a category page, a search and three product pages, thinking
 * {@code think} seconds (uniformly 0.5x to 1.5x) after each page. {@link ShopperLadder} sets the arrival rate level by
 * level and finds the highest one served with p99 under the limit and no errors; the simulation ends when it has.
 *
 * <p>System properties: {@code base} (URL), {@code side} ({@code new}: /categories/{slug}, /search?q=, /products/{id};
 * {@code legacy}: /category.php?id=, /search.php?q=, /product.php?id=), {@code ids} (product ids, one a line),
 * {@code categories} ({@code id<TAB>slug} a line), {@code terms} (search words, one a line), {@code think}
 * (seconds), {@code maxSeconds} (a bound on the whole run); the ladder's own in {@link ShopperLadder}.
 */
public class Shoppers extends Simulation {

	private static final String BASE = System.getProperty("base", "http://127.0.0.1:8080");
	private static final boolean NEW = "new".equals(System.getProperty("side", "new"));
	private static final String SIDE = NEW ? "new" : "legacy";
	private static final int MAX_SECONDS = Integer.getInteger("maxSeconds", 900);
	private static final double THINK = Double.parseDouble(System.getProperty("think", "5"));
	private static final List<String> IDS = lines(System.getProperty("ids", ""));
	private static final List<String[]> CATEGORIES = lines(System.getProperty("categories", "")).stream()
		.map(line -> line.split("\t", 2))
		.filter(parts -> parts.length == 2)
		.toList();
	private static final List<String> TERMS = lines(System.getProperty("terms", ""));

	private static List<String> lines(String file) {
		if (file.isEmpty()) {
			throw new IllegalArgumentException("ids, categories and terms files are required");
		}
		try {
			return Files.readAllLines(Path.of(file)).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static <T> T any(List<T> list) {
		return list.get(ThreadLocalRandom.current().nextInt(list.size()));
	}

	/** A fresh pick of product, category and search term for each page. */
	private static final Iterator<Map<String, Object>> PICKS = new Iterator<>() {
		@Override
		public boolean hasNext() {
			return true;
		}

		@Override
		public Map<String, Object> next() {
			String[] category = any(CATEGORIES);
			return Map.of("id", any(IDS), "categoryId", category[0], "slug", category[1], "term", any(TERMS));
		}
	};

	/** A page as the shopper sees it: its time includes redirects; anything but a final 200 is a failure. */
	private static ChainBuilder page(String name, String path) {
		long low = Math.round(THINK * 500);
		long high = Math.round(THINK * 1500);
		return exec(session -> {
			long start = ShopperLadder.now();
			ShopperLadder.started(start);
			return session.set("pageStart", start);
		})
			.exec(http(name).get(path).check(status().is(200)))
			.exec(session -> {
				long start = session.getLong("pageStart");
				ShopperLadder.record(name, start, ShopperLadder.now() - start, !session.isFailed());
				return session.markAsSucceeded();
			})
			.pause(Duration.ofMillis(low), Duration.ofMillis(high));
	}

	@Override
	public void before() {
		ShopperLadder.start(SIDE, BASE);
	}

	{
		HttpProtocolBuilder protocol = http.baseUrl(BASE)
			.disableWarmUp()
			.disableCaching()
			.acceptHeader("text/html")
			.userAgentHeader("retailflow-bench-shopper");
		var visit = scenario("shopper")
			.exitHereIf(session -> !ShopperLadder.admit())
			.feed(PICKS)
			.exec(page("home", "/"))
			.exec(page("category", NEW ? "/categories/#{slug}" : "/category.php?id=#{categoryId}"))
			.exec(page("search", NEW ? "/search?q=#{term}" : "/search.php?q=#{term}"))
			.repeat(3)
			.on(exec(session -> session.setAll(PICKS.next()))
				.exec(page("product", NEW ? "/products/#{id}" : "/product.php?id=#{id}")))
			.exec(session -> {
				ShopperLadder.visitEnded();
				return session;
			});
		// the injector offers shoppers at the cap; the ladder admits its level's share of them (see ShopperLadder)
		var stopper = scenario("stopper")
			.exec(stopLoadGeneratorIf("the ladder has its answer", session -> ShopperLadder.finished()));
		setUp(visit.injectOpen(constantUsersPerSec(ShopperLadder.CAP).during(MAX_SECONDS)),
				stopper.injectOpen(constantUsersPerSec(1).during(MAX_SECONDS)))
			.protocols(protocol)
			.maxDuration(Duration.ofSeconds(MAX_SECONDS + 60));
	}
}
