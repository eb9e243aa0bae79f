package com.retailflow.identity.internal.passwords;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Lets at most N hashes run at once (N = cores by default), so a burst of sign-ins queues for the CPU instead of
 * starving every other request on the instance. Requests run on virtual threads, so waiting costs no platform thread.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder delegate;
	private final Semaphore permits;
	private final Duration wait;

	BoundedPasswordEncoder(PasswordEncoder delegate, int permits, Duration wait) {
		this.delegate = delegate;
		this.permits = new Semaphore(permits, true);
		this.wait = wait;
	}

	@Override
	public @Nullable String encode(@Nullable CharSequence rawPassword) {
		return bounded(() -> delegate.encode(rawPassword));
	}

	@Override
	public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
		return bounded(() -> delegate.matches(rawPassword, encodedPassword));
	}

	@Override
	public boolean upgradeEncoding(@Nullable String encodedPassword) {
		return delegate.upgradeEncoding(encodedPassword);
	}

	<T> T bounded(Supplier<T> hashing) {
		try {
			if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new HashingBusy(Duration.ofSeconds(1));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HashingBusy(Duration.ofSeconds(1));
		}
		try {
			return hashing.get();
		}
		finally {
			permits.release();
		}
	}
}
