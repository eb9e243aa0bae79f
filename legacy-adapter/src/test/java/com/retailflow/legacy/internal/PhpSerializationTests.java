package com.retailflow.legacy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PhpSerializationTests {

	@Test
	void readsWhatTheLegacyShopStores() {
		String data = "csrf|s:32:\"0123456789abcdef0123456789abcdef\";customer_id|i:42;customer_name|s:6:\"Zoë A\";"
				+ "flash|a:1:{i:0;a:2:{s:4:\"type\";s:7:\"success\";s:4:\"text\";s:15:\"Added to cart.\";}}ok|b:1;x|N;";
		// "Zoë A" is 6 bytes in UTF-8 and "Added to cart." plus a space is 15: lengths count bytes, as PHP does.
		data = data.replace("Added to cart.", "Added to cart. ");
		Map<String, Object> session = PhpSerialization.session(data.getBytes(StandardCharsets.UTF_8));
		assertThat(session).containsEntry("csrf", "0123456789abcdef0123456789abcdef")
			.containsEntry("customer_id", 42L)
			.containsEntry("customer_name", "Zoë A")
			.containsEntry("ok", true)
			.containsEntry("x", null);
		assertThat(session.get("flash")).isInstanceOf(Map.class);
	}

	@Test
	void writesWhatItReads() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("csrf", "abc");
		values.put("customer_id", 7L);
		values.put("customer_name", "Café");
		values.put("flash", Map.of(0L, Map.of("type", "error", "text", "Nope")));
		byte[] written = PhpSerialization.write(values);
		assertThat(new String(written, StandardCharsets.UTF_8)).startsWith("csrf|s:3:\"abc\";customer_id|i:7;customer_name|s:5:\"Café\";");
		assertThat(PhpSerialization.session(written)).isEqualTo(values);
	}

	@Test
	void refusesGarbage() {
		assertThatThrownBy(() -> PhpSerialization.session("csrf|s:99:\"short\";".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(PhpSerialization.Malformed.class);
		assertThatThrownBy(() -> PhpSerialization.session("nobar".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(PhpSerialization.Malformed.class);
	}
}
