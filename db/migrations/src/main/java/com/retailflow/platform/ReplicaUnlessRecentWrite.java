package com.retailflow.platform;

import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/** For read-only work: the replica, unless the current shopper wrote moments ago ({@link ReadYourWrites}). */
final class ReplicaUnlessRecentWrite extends AbstractRoutingDataSource {

	ReplicaUnlessRecentWrite(DataSource primary, DataSource replica) {
		setTargetDataSources(Map.of("primary", primary, "replica", replica));
		setDefaultTargetDataSource(primary);
		afterPropertiesSet();
	}

	@Override
	protected Object determineCurrentLookupKey() {
		return ReadYourWrites.active() ? "primary" : "replica";
	}
}
