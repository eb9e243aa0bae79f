package com.retailflow.proxy;

import java.util.List;

/** The verdict of a {@link CutoverGate}: open, or closed with the failing conditions in words. */
public record GateReport(boolean open, List<String> failures) {

	public GateReport {
		failures = List.copyOf(failures);
	}

	public static GateReport opened() {
		return new GateReport(true, List.of());
	}

	public static GateReport closed(String... failures) {
		return new GateReport(false, List.of(failures));
	}
}
