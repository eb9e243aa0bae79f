package com.retailflow.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * After cut-over, every spelling of a legacy URL that PHP would answer goes to the new side, for each route's
 * patterns: none is left behind on legacy (which is no longer the system of record).
 */
class LegacyUrlVariantTests extends ProxyAgainstLegacyShop {

	@BeforeEach
	void cutOver() {
		for (String route : new String[] { "catalog", "mirror", "flaky" }) {
			assertThat(ProxyHttp.flip(proxy(), route, "NEW", null, true).statusCode()).isEqualTo(200);
		}
	}

	@AfterEach
	void back() {
		for (String route : new String[] { "catalog", "mirror", "flaky" }) {
			ProxyHttp.flip(proxy(), route, "LEGACY", null, false);
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', textBlock = """
			# variant                  | target                                              | new URL
			as linked                  | /product.php?id=42                                  | /products/42
			trailing slash             | /product.php/?id=42                                 | /products/42
			path info                  | /product.php/extra/path?id=42                       | /products/42
			doubled slash              | //product.php?id=42                                 | /products/42
			encoded dot                | /product%2ephp?id=42                                | /products/42
			encoded dot, upper hex     | /product%2Ephp?id=42                                | /products/42
			extension case             | /product.PHP?id=42                                  | /products/42
			tracking parameters        | /product.php?id=42&utm_source=mail&utm_campaign=bf  | /products/42?utm_source=mail&utm_campaign=bf
			click id first             | /product.php?fbclid=IwAR0x&id=42                    | /products/42?fbclid=IwAR0x
			flaky: trailing slash      | /flaky.php/?case=fine                               | /flaky/fine
			flaky: doubled slash       | //flaky.php?case=fine&gclid=abc                     | /flaky/fine?gclid=abc
			mirror: doubled slash      | /assets//style.css                                  | /mirror/style.css
			""")
	void aVariantOfALegacyUrlIsRedirectedToItsNewUrl(String variant, String target, String newUrl) throws IOException {
		var response = ErrorContractTests.RawResponse.get(port, target, "text/html");
		assertThat(response.status()).as(variant + ": " + response.head()).isEqualTo(301);
		assertThat(response.header("location")).as(variant).isEqualTo(newUrl);
		assertThat(response.header("x-served-by")).as(variant).isEqualTo("new");
	}

	@Test
	void anUnsafeRequestToAVariantIsAnsweredByTheNewSide() {
		var post = ProxyHttp.send(ProxyHttp.request(proxy(), "/flaky.php/?case=order")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("qty=1"))
			.build());
		assertThat(post.headers().firstValue("X-Served-By")).hasValue("new");
		assertThat(post.body()).contains("new side broke on POST");
	}
}
