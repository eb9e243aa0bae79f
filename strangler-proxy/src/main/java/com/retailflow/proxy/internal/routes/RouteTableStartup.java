package com.retailflow.proxy.internal.routes;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Loads the route table before the web server starts taking requests, so that no request is routed on an
 * empty table (a NEW route would briefly go to legacy). If PostgreSQL is unreachable at start-up, the
 * application still starts; the proxy answers 503 until a refresh tick has loaded the table.
 */
@Component
class RouteTableStartup implements SmartLifecycle {

	/** Before the web server's start-stop lifecycle (Spring Boot starts it at {@code DEFAULT_PHASE - 2048}). */
	private static final int BEFORE_THE_WEB_SERVER = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Duration STARTUP_PATIENCE = Duration.ofSeconds(30);

	private static final Logger log = LoggerFactory.getLogger(RouteTableStartup.class);

	private final RouteTable table;
	private volatile boolean running;

	RouteTableStartup(RouteTable table) {
		this.table = table;
	}

	/** Tries for a while (a database that is just starting, a loaded machine), then starts anyway. */
	@Override
	public void start() {
		long deadline = System.nanoTime() + STARTUP_PATIENCE.toNanos();
		while (true) {
			try {
				table.seedAndLoad();
				break;
			}
			catch (RuntimeException ex) {
				if (System.nanoTime() > deadline) {
					log.error("Route table could not be loaded at start-up; storefront requests get 503 until it is: {}",
							ex.getMessage());
					break;
				}
				log.info("Route table not loaded yet, retrying: {}", ex.getMessage());
				LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
			}
		}
		running = true;
	}

	@Override
	public void stop() {
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return BEFORE_THE_WEB_SERVER;
	}
}
