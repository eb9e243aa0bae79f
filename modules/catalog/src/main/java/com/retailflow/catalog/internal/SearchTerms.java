package com.retailflow.catalog.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Turns what a shopper typed into parameters for PostgreSQL's full-text query functions, never into SQL.
 *
 * <p>Two shapes:
 * <ul>
 * <li>Plain words ({@code dark choco}): every word must match; the last one also as a prefix, so results appear while
 * the shopper is still typing. The complete words go to {@code plainto_tsquery}, which accepts any text; the prefix
 * word goes to {@code to_tsquery} as {@code word:*}, and because it is reduced to letters and digits first it cannot
 * carry tsquery operators ({@code & | ! ( ) : * <-> '}).</li>
 * <li>Web search syntax ({@code "dark chocolate" -milk}, {@code tea or coffee}): handed whole to
 * {@code websearch_to_tsquery}, which never fails on any input.</li>
 * </ul>
 */
record SearchTerms(@Nullable String webQuery, String words, @Nullable String prefix) {

	/** More words than this only make the query slower, not better. */
	static final int MAX_WORDS = 16;

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
	private static final Pattern WEB_SYNTAX = Pattern.compile("\"|(^|\\s)-\\S|(^|\\s)or(\\s|$)");

	static final SearchTerms NOTHING = new SearchTerms(null, "", null);

	/** Parses normalised search text (see {@code ProductQuery}); {@link #NOTHING} if it holds no word at all. */
	static SearchTerms parse(String text) {
		String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
		List<String> words = new ArrayList<>();
		Matcher matcher = WORD.matcher(nfc);
		while (matcher.find() && words.size() < MAX_WORDS) {
			words.add(matcher.group());
		}
		if (words.isEmpty()) {
			return NOTHING;
		}
		if (WEB_SYNTAX.matcher(nfc.toLowerCase(Locale.ROOT)).find()) {
			return new SearchTerms(nfc, "", null);
		}
		// A single letter as a prefix matches nearly everything, so it only counts as a whole word.
		String last = words.getLast();
		if (last.length() < 2) {
			return new SearchTerms(null, String.join(" ", words), null);
		}
		return new SearchTerms(null, String.join(" ", words.subList(0, words.size() - 1)), last + ":*");
	}

	boolean matchesNothing() {
		return webQuery == null && words.isEmpty() && prefix == null;
	}
}
