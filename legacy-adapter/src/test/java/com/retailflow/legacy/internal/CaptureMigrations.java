package com.retailflow.legacy.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The capture migrations the adapter ships ({@code classpath:legacy-capture}), so tests need not count them by hand. */
final class CaptureMigrations {

	private CaptureMigrations() {
	}

	/** Their versions in order, as {@code rf_capture_history} lists them after a fresh install (after baseline 0). */
	static List<String> versions() {
		List<String> versions = new ArrayList<>();
		for (Resource resource : resources()) {
			String name = Objects.requireNonNull(resource.getFilename());
			versions.add(name.substring(1, name.indexOf("__")));
		}
		versions.sort(Comparator.comparingInt(Integer::parseInt));
		return versions;
	}

	static int count() {
		return resources().size();
	}

	private static List<Resource> resources() {
		try {
			return Arrays.asList(new PathMatchingResourcePatternResolver().getResources("classpath:legacy-capture/V*__*.sql"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
