package com.retailflow.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What reaches PostgreSQL's query functions from what a shopper typed. */
class SearchTermsTests {

	@Test
	void theLastWordIsAPrefix() {
		assertThat(SearchTerms.parse("dark choco")).isEqualTo(new SearchTerms(null, "dark", "choco:*"));
		assertThat(SearchTerms.parse("choco")).isEqualTo(new SearchTerms(null, "", "choco:*"));
	}

	@Test
	void aSingleLetterIsNoPrefix() {
		assertThat(SearchTerms.parse("vitamin c")).isEqualTo(new SearchTerms(null, "vitamin c", null));
	}

	@Test
	void operatorsNeverReachToTsquery() {
		var terms = SearchTerms.parse("a & b | !c:* <-> 'd' (egg)");
		assertThat(terms.prefix()).isEqualTo("egg:*");
		assertThat(terms.words()).isEqualTo("a b c d");
		assertThat(SearchTerms.parse("!!! ???").matchesNothing()).isTrue();
	}

	@Test
	void webSearchSyntaxGoesToWebsearchToTsquery() {
		assertThat(SearchTerms.parse("\"dark chocolate\"").webQuery()).isEqualTo("\"dark chocolate\"");
		assertThat(SearchTerms.parse("chocolate -milk").webQuery()).isEqualTo("chocolate -milk");
		assertThat(SearchTerms.parse("tea or coffee").webQuery()).isEqualTo("tea or coffee");
		assertThat(SearchTerms.parse("t-shirt").webQuery()).isNull();
	}

	@Test
	void keepsLettersOfEveryScript() {
		assertThat(SearchTerms.parse("Müsli açaí").prefix()).isEqualTo("açaí:*");
	}
}
