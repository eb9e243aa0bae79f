package com.retailflow.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

import com.retailflow.platform.testing.LegacyShop;
import com.retailflow.platform.testing.TestDatabases;

import org.junit.jupiter.api.Test;

/** The legacy seeder is deterministic: the same product count gives identical tables, row for row. */
class LegacySeederTests {

	static final List<String> TABLES = List.of("categories", "products", "stock", "customers", "orders", "order_items");

	@Test
	void sameSizeSeedsAreIdentical() throws Exception {
		var first = TestDatabases.newMariaDb();
		var second = TestDatabases.newMariaDb();
		seed(first, 2000);
		seed(second, 2000);
		assertThat(checksums(second)).isEqualTo(checksums(first)).doesNotContain(0L);
	}

	static void seed(TestDatabases.Database database, int products) {
		LegacyShop.seed(database, products, 20);
	}

	static List<Long> checksums(TestDatabases.Database database) throws Exception {
		List<Long> sums = new ArrayList<>();
		try (var connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())) {
			for (String table : TABLES) {
				try (var rs = connection.createStatement().executeQuery("CHECKSUM TABLE " + table + " EXTENDED")) {
					rs.next();
					sums.add(rs.getLong(2));
				}
			}
		}
		return sums;
	}
}
