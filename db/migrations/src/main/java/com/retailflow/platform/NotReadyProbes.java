package com.retailflow.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers health probes on the application's port while the start waits for the database, before the real web
 * server listens: liveness is UP (the process is fine, restarting it would not help), readiness and every other
 * request get 503, so a balancer or Kubernetes sends no traffic here and does not restart the instance.
 */
final class NotReadyProbes {

	private static final Logger log = LoggerFactory.getLogger(NotReadyProbes.class);

	private final @Nullable InetAddress address;
	private final int port;
	private final String livenessPath;
	private @Nullable HttpServer server;

	NotReadyProbes(@Nullable InetAddress address, int port, String actuatorBasePath) {
		this.address = address;
		this.port = port;
		this.livenessPath = actuatorBasePath + "/health/liveness";
	}

	void start() {
		if (port <= 0) {
			return;
		}
		try {
			var http = HttpServer.create(new InetSocketAddress(address, port), 16);
			http.createContext("/", this::answer);
			http.start();
			server = http;
			log.info("Not ready on port {} until PostgreSQL answers ({} is UP meanwhile)", port, livenessPath);
		}
		catch (IOException ex) {
			log.warn("Could not answer probes on port {} while waiting: {}", port, ex.getMessage());
		}
	}

	void stop() {
		if (server != null) {
			server.stop(0);
			server = null;
		}
	}

	private void answer(HttpExchange exchange) throws IOException {
		boolean live = exchange.getRequestURI().getPath().equals(livenessPath);
		byte[] body = (live ? "{\"status\":\"UP\"}" : "{\"status\":\"OUT_OF_SERVICE\"}").getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		if (!live) {
			exchange.getResponseHeaders().set("Retry-After", "5");
		}
		exchange.sendResponseHeaders(live ? 200 : 503, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}
}
