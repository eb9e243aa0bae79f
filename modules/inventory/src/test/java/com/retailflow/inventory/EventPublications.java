package com.retailflow.inventory;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads Spring Modulith's JDBC event publication registry ({@code modulith.event_publication}). A publication row is
 * written in the publishing transaction, one per transactional listener, so counting rows counts committed events
 * exactly, with no waiting.
 */
record EventPublications(JdbcClient jdbc) {

	/** Publications of events of {@code type} whose serialized form contains {@code text} (e.g. an id or a SKU). */
	int count(Class<?> type, String text) {
		return jdbc.sql("SELECT count(*) FROM modulith.event_publication WHERE event_type = ? AND strpos(serialized_event, ?) > 0")
			.params(type.getName(), text)
			.query(Integer.class)
			.single();
	}

	/** Publications of events of {@code type}. */
	int count(Class<?> type) {
		return count(type, "");
	}

	/** Waits (polling, at most 30 s) until every listener has completed every publication. */
	void awaitAllCompleted() {
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> jdbc.sql("SELECT count(*) FROM modulith.event_publication WHERE completion_date IS NULL")
				.query(Integer.class)
				.single() == 0);
	}
}
