package com.retailflow;

import org.springframework.boot.SpringApplication;

/** The adapter's test application as a process of its own, for tests that kill and restart real instances. */
public final class SyncNode {

	private SyncNode() {
	}

	public static void main(String[] args) {
		SpringApplication.run(LegacyAdapterTestApplication.class, args);
	}
}
