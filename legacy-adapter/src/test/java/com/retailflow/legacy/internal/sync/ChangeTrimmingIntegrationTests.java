package com.retailflow.legacy.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.retailflow.legacy.internal.LegacyDatabase;
import com.retailflow.platform.testing.FreshLegacyDatabase;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Trimming the legacy change table deletes only what every consumer has passed and is older than the retention:
 * the stream's checkpoint bounds it, and so do a gap below it and a backfill that has not completed.
 */
@FreshLegacyDatabase
@SpringBootTest(properties = { "retailflow.legacy.sync.enabled=false", "retailflow.legacy.backfill-on-start=false",
		"retailflow.legacy.reconciliation.interval=0", "retailflow.legacy.sync.change-retention=1h" })
class ChangeTrimmingIntegrationTests {

	@Autowired
	ChangeTrimming trimming;

	@Autowired
	LegacyDatabase legacy;

	@Autowired
	JdbcClient postgres;

	@BeforeEach
	void changes() {
		legacy.jdbc().sql("DROP TABLE IF EXISTS rf_change").update();
		legacy.jdbc().sql("""
				CREATE TABLE rf_change (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, table_name VARCHAR(64) NOT NULL,
				  row_key VARCHAR(191) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, op CHAR(1) NOT NULL,
				  changed_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB""").update();
		for (int id = 1; id <= 25; id++) {
			// 1-20 two hours old, 21-25 just now
			legacy.jdbc()
				.sql("INSERT INTO rf_change (id, table_name, row_key, op, changed_at) VALUES (?, 'products', ?, 'U', "
						+ (id <= 20 ? "NOW(6) - INTERVAL 2 HOUR" : "NOW(6)") + ")")
				.params(id, String.valueOf(id))
				.update();
		}
		postgres.sql("DELETE FROM legacy_sync.change_gap").update();
		postgres.sql("DELETE FROM legacy_sync.change_checkpoint").update();
		postgres.sql("DELETE FROM legacy_sync.backfill").update();
	}

	@Test
	void nothingIsTrimmedBeforeAnyStreamHasACheckpoint() {
		assertThat(trimming.trim()).isZero();
		assertThat(remaining()).hasSize(25);
	}

	@Test
	void onlyChangesBelowEveryConsumersPositionAndOlderThanTheRetentionAreDeleted() {
		postgres.sql("INSERT INTO legacy_sync.change_checkpoint (stream, position, updated_at) VALUES ('legacy', 15, now())")
			.update();
		postgres.sql("INSERT INTO legacy_sync.change_gap (stream, change_id, noticed_at) VALUES ('legacy', 12, now())")
			.update();
		postgres.sql("INSERT INTO legacy_sync.backfill (table_name, start_position, started_at) VALUES ('stock', 8, now())")
			.update();

		assertThat(trimming.trim()).as("below the incomplete backfill's start").isEqualTo(8);
		assertThat(remaining().getFirst()).isEqualTo(9);

		postgres.sql("UPDATE legacy_sync.backfill SET completed_at = now()").update();
		assertThat(trimming.trim()).as("below the gap").isEqualTo(3);
		assertThat(remaining().getFirst()).isEqualTo(12);

		postgres.sql("DELETE FROM legacy_sync.change_gap").update();
		assertThat(trimming.trim()).as("up to the checkpoint").isEqualTo(4);
		assertThat(remaining().getFirst()).isEqualTo(16);

		postgres.sql("UPDATE legacy_sync.change_checkpoint SET position = 25").update();
		assertThat(trimming.trim()).as("applied, but only the old ones").isEqualTo(5);
		assertThat(remaining()).containsExactly(21L, 22L, 23L, 24L, 25L);
	}

	List<Long> remaining() {
		return legacy.jdbc().sql("SELECT id FROM rf_change ORDER BY id").query(Long.class).list();
	}
}
