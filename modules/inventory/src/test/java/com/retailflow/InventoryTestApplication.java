package com.retailflow;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.retailflow.inventory.RecordedEvents;
import com.retailflow.inventory.SqlStatements;
import com.retailflow.inventory.TestClock;

/**
 * Boots the inventory module on its own, so {@code @ApplicationModuleTest} works inside this Maven module. Time is a
 * {@link TestClock} the tests move forward explicitly; nothing waits for wall-clock time.
 *
 * <p>It lives in {@code com.retailflow}, like {@code RetailFlowApplication}, not in {@code com.retailflow.inventory}:
 * Spring Modulith treats the direct sub-packages of the application class's package as the application modules, so
 * only from here is {@code com.retailflow.inventory} the module it is in production (from inside it,
 * {@code ..inventory.internal} would become a module of its own and the facade's use of it a violation).
 *
 * <p>Tests say {@code @ApplicationModuleTest(extraIncludes = "platform")}: {@code com.retailflow.platform} (one Flyway
 * per schema) is an application module too, and a module test drops the beans of modules it does not include.
 */
@SpringBootApplication
@EnableScheduling // as RetailFlowApplication; the expiry job only exists where a test switches it on
public class InventoryTestApplication {

	@Bean
	TestClock clock() {
		return new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
	}

	@Bean
	RecordedEvents recordedEvents() {
		return new RecordedEvents();
	}

	@Bean
	static SqlStatements sqlStatements() {
		return new SqlStatements();
	}
}
