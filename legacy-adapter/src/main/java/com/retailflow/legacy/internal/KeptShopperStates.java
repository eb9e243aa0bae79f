package com.retailflow.legacy.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.retailflow.catalog.spi.ShopperState;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The shopper state last read from each legacy session, kept with the {@link PrivateContentVersion} it was read
 * under, so that pages between two changes do not each read MariaDB. One entry per session (a new version replaces
 * the old), bounded in number and in age: the age bounds what changes without a request through this proxy (PHP's
 * garbage collection of idle sessions, a row changed by hand).
 *
 * <p>Under a bumped version, a state is used only once it has been read twice. The first page after a change can
 * race the change itself: legacy writes its session when PHP shuts the request down, which may be after its
 * redirect reached the browser, so that first read is shown (as it was before this cache) but not relied on. Under
 * the empty version (nothing changed since the browser got its session) there is no change to race, and the first
 * read is kept.
 */
@Component
class KeptShopperStates {

	/** {@code confirmed}: may be used, because it was read under the empty version or twice under this one. */
	private record Kept(String version, ShopperState state, boolean confirmed) {
	}

	private final Cache<String, Kept> bySession;
	private final LongAdder kept = new LongAdder();
	private final LongAdder read = new LongAdder();

	KeptShopperStates(LegacySettings settings, ObjectProvider<MeterRegistry> registry) {
		this.bySession = Caffeine.newBuilder()
			.maximumSize(settings.shopperStates().maxSessions())
			.expireAfterWrite(settings.shopperStates().timeToLive())
			.build();
		MeterRegistry meters = registry.getIfAvailable();
		if (meters != null) {
			FunctionCounter.builder("retailflow.legacy.shopper-states", kept, LongAdder::sum)
				.tag("result", "kept")
				.description("new pages whose shopper header came from a kept state")
				.register(meters);
			FunctionCounter.builder("retailflow.legacy.shopper-states", read, LongAdder::sum)
				.tag("result", "read")
				.description("new pages whose shopper header was read from the legacy session")
				.register(meters);
		}
	}

	/** The state kept for this session under this version, if it is confirmed; counts the lookup. */
	Optional<ShopperState> find(String session, String version) {
		Kept entry = bySession.getIfPresent(session);
		if (entry != null && entry.confirmed() && entry.version().equals(version)) {
			kept.increment();
			return Optional.of(entry.state());
		}
		read.increment();
		return Optional.empty();
	}

	/** Keeps what was just read from the session (without its one-shot messages, which it has taken). */
	void keep(String session, String version, ShopperState state) {
		var withoutFlashes = new ShopperState(state.customerName(), state.cartItemCount(), state.csrfToken(),
				List.of());
		bySession.asMap()
			.compute(session, (id, before) -> new Kept(version, withoutFlashes,
					version.isEmpty() || before != null && before.version().equals(version)));
	}

	void forget(String session) {
		bySession.invalidate(session);
	}
}
