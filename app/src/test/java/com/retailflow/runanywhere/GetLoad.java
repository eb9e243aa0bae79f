package com.retailflow.runanywhere;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A few shoppers sending GETs back to back through the balancer until stopped; counts what failed and why. */
final class GetLoad implements AutoCloseable {

	private final AtomicBoolean running = new AtomicBoolean(true);
	private final AtomicInteger succeeded = new AtomicInteger();
	private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
	private final List<Thread> shoppers;

	GetLoad(String url, int concurrency) {
		var http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
		this.shoppers = java.util.stream.IntStream.range(0, concurrency).mapToObj(i -> Thread.ofVirtual().start(() -> {
			while (running.get()) {
				try {
					int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
					if (status < 400) {
						succeeded.incrementAndGet();
					}
					else {
						failures.add("HTTP " + status);
					}
				}
				catch (java.io.IOException ex) {
					failures.add(ex.toString());
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		})).toList();
	}

	int succeeded() {
		return succeeded.get();
	}

	List<String> failures() {
		return List.copyOf(failures);
	}

	@Override
	public void close() throws InterruptedException {
		running.set(false);
		for (Thread shopper : shoppers) {
			shopper.join(Duration.ofSeconds(40));
		}
	}
}
