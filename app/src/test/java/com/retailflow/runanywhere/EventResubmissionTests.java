package com.retailflow.runanywhere;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event publication registry of the whole application: completed publications are archived, and incomplete ones
 * older than {@code retailflow.events.resubmission.older-than} are resubmitted by the one instance that holds the
 * resubmission advisory lock — here, while a session standing for another instance holds it, nothing is resubmitted.
 */
@SpringBootTest(properties = { "retailflow.legacy.datasource.url=jdbc:mariadb://127.0.0.1:1/nowhere",
		"retailflow.events.resubmission.interval=300ms", "retailflow.events.resubmission.older-than=1s" })
class EventResubmissionTests {

	static final String LISTENER = "runanywhere-tests.parcel-weighed";
	static final long LOCK_KEY = 0x5246_4556_5453L;

	/** An event of this test only; a listener like another module's. */
	public record ParcelWeighed(String parcel, boolean failFirst) {
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Listeners {

		@org.springframework.context.annotation.Bean
		ParcelListener parcelListener() {
			return new ParcelListener();
		}
	}

	/** Deliveries per parcel (static: the listener bean is a proxy, its fields are not the target's). */
	static final Map<String, Integer> deliveries = new ConcurrentHashMap<>();

	/** Fails the first delivery of events that ask for it, as a listener whose downstream was briefly down. */
	static class ParcelListener {

		final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

		@ApplicationModuleListener(id = LISTENER)
		void on(ParcelWeighed event) {
			deliveries.merge(event.parcel(), 1, Integer::sum);
			if (event.failFirst() && failedOnce.add(event.parcel())) {
				throw new IllegalStateException("downstream unavailable for " + event.parcel());
			}
		}
	}

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Environment environment;

	@Test
	void flywayCreatesTheArchiveTable() {
		assertThat(jdbc.queryForObject("SELECT success FROM modulith.flyway_schema_history WHERE script = ?",
				Boolean.class, "V2__event_publication_archive.sql")).isTrue();
		assertThat(jdbc.queryForList("SELECT column_name FROM information_schema.columns WHERE table_schema = 'modulith'"
				+ " AND table_name = 'event_publication_archive'", String.class))
			.contains("id", "listener_id", "serialized_event", "completion_date", "status", "completion_attempts");
	}

	@Test
	void aCompletedPublicationMovesToTheArchive() {
		String parcel = publish(false);

		await("archived", () -> archived(parcel) == 1);
		assertThat(live(parcel)).as("left in the live table").isZero();
		assertThat(jdbc.queryForObject("SELECT status FROM modulith.event_publication_archive WHERE listener_id = ?"
				+ " AND serialized_event LIKE ?", String.class, LISTENER, "%" + parcel + "%")).isEqualTo("COMPLETED");
		assertThat(deliveries).containsEntry(parcel, 1);
	}

	@Test
	void aFailedPublicationIsResubmittedOnlyByTheLockHolder() throws Exception {
		try (Connection otherInstance = takeTheResubmissionLock()) {
			String parcel = publish(true);
			await("first delivery failed", () -> "FAILED".equals(status(parcel)));

			Thread.sleep(3_000); // older-than 1 s, ten rounds of 300 ms: due many times over
			assertThat(deliveries).as("resubmitted while another instance holds the lock").containsEntry(parcel, 1);
			assertThat(archived(parcel)).isZero();

			otherInstance.close(); // that instance goes away: this one takes the lock and resubmits
			await("resubmitted and archived", () -> archived(parcel) == 1);
			assertThat(deliveries).containsEntry(parcel, 2);
			var archived = jdbc.queryForMap("SELECT completion_attempts, last_resubmission_date"
					+ " FROM modulith.event_publication_archive WHERE serialized_event LIKE ?", "%" + parcel + "%");
			assertThat(archived.get("completion_attempts")).as("the first delivery and one resubmission").isEqualTo(2);
			assertThat(archived.get("last_resubmission_date")).isNotNull();
		}
	}

	/**
	 * Takes the advisory lock as another instance would. This context's job may hold it already: its session is
	 * ended (as if that instance died), and the first to ask again wins, so ask until this session has it.
	 */
	Connection takeTheResubmissionLock() throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			jdbc.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
					+ " WHERE application_name LIKE 'retailflow event publication resubmission pid %'");
			var connection = DriverManager.getConnection(environment.getRequiredProperty("spring.datasource.url"),
					environment.getProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password"));
			try (var statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
				statement.setLong(1, LOCK_KEY);
				try (var rs = statement.executeQuery()) {
					rs.next();
					if (rs.getBoolean(1)) {
						return connection;
					}
				}
			}
			connection.close();
			Thread.sleep(20);
		}
		throw new AssertionError("could not take the resubmission lock");
	}

	String publish(boolean failFirst) {
		String parcel = UUID.randomUUID().toString();
		transactions.executeWithoutResult(status -> events.publishEvent(new ParcelWeighed(parcel, failFirst)));
		return parcel;
	}

	int live(String parcel) {
		return count("modulith.event_publication", parcel);
	}

	int archived(String parcel) {
		return count("modulith.event_publication_archive", parcel);
	}

	String status(String parcel) {
		return jdbc.query("SELECT status FROM modulith.event_publication WHERE listener_id = ? AND serialized_event LIKE ?",
				rs -> rs.next() ? rs.getString(1) : null, LISTENER, "%" + parcel + "%");
	}

	int count(String table, String parcel) {
		return jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE listener_id = ? AND serialized_event LIKE ?",
				Integer.class, LISTENER, "%" + parcel + "%");
	}

	static void await(String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as(what).isLessThan(deadline);
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}
}
