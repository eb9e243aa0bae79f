package com.retailflow.proxy.internal.fallback;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

import com.retailflow.proxy.internal.ProxySettings;

import org.springframework.stereotype.Component;

/**
 * Watches the new side's answers per route and reports when its 5xx share over a sliding window crosses the
 * threshold. Below the minimum number of requests the state is "insufficient data" and never a trip.
 * Counting is lock-free per-second buckets; the flip itself goes through {@link RouteChanges}, so it is
 * audited and seen by every instance.
 */
@Component
public class FallbackMonitor {

	public enum State {
		HEALTHY, INSUFFICIENT_DATA, TRIPPED
	}

	private final ProxySettings.Fallback settings;
	private final Map<String, Window> windows = new ConcurrentHashMap<>();
	/**
	 * Routes this instance has just sent back to legacy, until when: covers the moment before the flipped
	 * route table is reloaded; after that the table's LEGACY mode governs on every instance.
	 */
	private final Map<String, Long> fallenBackUntil = new ConcurrentHashMap<>();
	private final long graceMillis;

	public FallbackMonitor(ProxySettings settings) {
		this.settings = settings.fallback();
		this.graceMillis = settings.refreshInterval().toMillis() * 4;
	}

	/** Records a new-side answer and returns the resulting state of the route. */
	public State record(String routeId, boolean serverError) {
		var window = windows.computeIfAbsent(routeId, id -> new Window((int) Math.max(1, settings.window().toSeconds())));
		window.add(System.currentTimeMillis() / 1000, serverError);
		return state(routeId);
	}

	public State state(String routeId) {
		var window = windows.get(routeId);
		if (window == null) {
			return State.INSUFFICIENT_DATA;
		}
		long[] totals = window.totals(System.currentTimeMillis() / 1000);
		if (totals[0] < settings.minRequests()) {
			return State.INSUFFICIENT_DATA;
		}
		return (double) totals[1] / totals[0] >= settings.errorRate() ? State.TRIPPED : State.HEALTHY;
	}

	public void markFallenBack(String routeId) {
		fallenBackUntil.put(routeId, System.currentTimeMillis() + graceMillis);
		windows.remove(routeId);
	}

	public boolean isFallenBack(String routeId) {
		Long until = fallenBackUntil.get(routeId);
		if (until == null) {
			return false;
		}
		if (until < System.currentTimeMillis()) {
			fallenBackUntil.remove(routeId, until);
			return false;
		}
		return true;
	}

	/** Per-second buckets: [second, requests, errors] in a ring. */
	private static final class Window {

		private final int seconds;
		private final AtomicLongArray slots;

		public Window(int seconds) {
			this.seconds = seconds;
			this.slots = new AtomicLongArray(seconds * 3);
		}

		public void add(long now, boolean error) {
			int i = (int) (now % seconds) * 3;
			long stamp = slots.get(i);
			if (stamp != now && slots.compareAndSet(i, stamp, now)) {
				slots.set(i + 1, 0);
				slots.set(i + 2, 0);
			}
			slots.incrementAndGet(i + 1);
			if (error) {
				slots.incrementAndGet(i + 2);
			}
		}

		public long[] totals(long now) {
			long requests = 0;
			long errors = 0;
			for (int s = 0; s < seconds; s++) {
				if (now - slots.get(s * 3) < seconds) {
					requests += slots.get(s * 3 + 1);
					errors += slots.get(s * 3 + 2);
				}
			}
			return new long[] { requests, errors };
		}
	}
}
