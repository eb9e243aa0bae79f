package com.retailflow.platform;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * On SIGTERM the instance first turns unready and keeps serving for {@code retailflow.shutdown.unready-for} (the
 * application sets 3 s; 0, the default, turns the pause off),
 * and only then stops accepting connections and lets the requests in flight finish
 * ({@code server.shutdown=graceful}).
 *
 * <p>Spring Boot marks readiness {@code REFUSING_TRAFFIC} as the context starts closing, but the graceful shutdown of
 * the web server follows at once: a balancer that polls readiness would not notice before connections are refused.
 * This lifecycle stops first (highest phase) and only waits, so for that while the readiness probe answers 503 and
 * every other request is still served.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class UnreadyBeforeShutdown {

	private static final Logger log = LoggerFactory.getLogger(UnreadyBeforeShutdown.class);

	@Bean
	SmartLifecycle unreadyBeforeShutdown(Environment environment) {
		Duration pause = environment.getProperty("retailflow.shutdown.unready-for", Duration.class, Duration.ZERO);
		return new SmartLifecycle() {
			private volatile boolean running;

			@Override
			public void start() {
				running = true;
			}

			@Override
			public void stop() {
				running = false;
				if (pause.isZero() || pause.isNegative()) {
					return;
				}
				log.info("Readiness is REFUSING_TRAFFIC; serving {} ms more before the graceful shutdown", pause.toMillis());
				try {
					Thread.sleep(pause);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

			@Override
			public boolean isRunning() {
				return running;
			}

			@Override
			public int getPhase() {
				return Integer.MAX_VALUE;
			}
		};
	}
}
