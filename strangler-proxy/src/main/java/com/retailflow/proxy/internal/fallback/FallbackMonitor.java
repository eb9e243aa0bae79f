package com.retailflow.proxy.internal.fallback;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import com.retailflow.proxy.internal.ProxySettings;

import org.springframework.stereotype.Component;

/**
 * Watches the new side's answers per route and reports when its 5xx share over a sliding window crosses the
 * route's threshold. Below the minimum number of requests the state is "insufficient data" and never a trip.
 * The fallback itself goes through {@code RouteChanges}, so it is audited and seen by every instance.
 */
@Component
public class FallbackMonitor {

	public enum State {
		HEALTHY, INSUFFICIENT_DATA, TRIPPED
	}

	private final ProxySettings.Fallback settings;
	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	FallbackMonitor(ProxySettings settings) {
		this.settings = settings.fallback();
	}

	/**
	 * Records a new-side answer and returns the resulting state of the route. Every change of the route (its
	 * version) starts the window afresh: after a flip or a fallback the new side is judged on new answers only.
	 */
	public State record(String routeId, long routeVersion, boolean serverError) {
		var thresholds = settings.of(routeId);
		var window = windows.compute(routeId, (id, current) -> current != null && current.routeVersion == routeVersion
				? current : new Window(routeVersion, (int) Math.max(1, thresholds.window().toSeconds())));
		long now = System.currentTimeMillis() / 1000;
		window.add(now, serverError);
		long[] totals = window.totals(now);
		if (totals[0] < thresholds.minRequests()) {
			return State.INSUFFICIENT_DATA;
		}
		return (double) totals[1] / totals[0] >= thresholds.errorRate() ? State.TRIPPED : State.HEALTHY;
	}

	/** Starts the route's window afresh (a fallback was just triggered from it). */
	public void reset(String routeId) {
		windows.remove(routeId);
	}

	/** Per-second buckets, each swapped whole when its second comes round again, so no count is lost. */
	private static final class Window {

		private record Second(long second, AtomicLong requests,
				AtomicLong errors) {
		}

		private final long routeVersion;
		private final int seconds;
		private final AtomicReferenceArray<Second> slots;

		Window(long routeVersion, int seconds) {
			this.routeVersion = routeVersion;
			this.seconds = seconds;
			this.slots = new AtomicReferenceArray<>(seconds);
		}

		void add(long now, boolean error) {
			int i = (int) (now % seconds);
			Second slot = slots.get(i);
			while (slot == null || slot.second() != now) {
				var fresh = new Second(now, new AtomicLong(),
						new AtomicLong());
				if (slots.compareAndSet(i, slot, fresh)) {
					slot = fresh;
				}
				else {
					slot = slots.get(i);
				}
			}
			slot.requests().incrementAndGet();
			if (error) {
				slot.errors().incrementAndGet();
			}
		}

		long[] totals(long now) {
			long requests = 0;
			long errors = 0;
			for (int s = 0; s < seconds; s++) {
				Second slot = slots.get(s);
				if (slot != null && now - slot.second() < seconds) {
					requests += slot.requests().get();
					errors += slot.errors().get();
				}
			}
			return new long[] { requests, errors };
		}
	}
}
