package com.retailflow.checkout.internal.web;

import java.math.BigDecimal;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the small JSON bodies of the cart and checkout API strictly: an object with only the fields named, integers
 * that are integers (no {@code 1.5}, no {@code "2"}), strings that are strings, at most a few levels deep. Anything
 * else is a {@link BadBody} (400), never a 500.
 */
final class JsonBodies {

	static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(10_000).build())
		.build()).build();

	private JsonBodies() {
	}

	/** A field that cannot be accepted, or a body that is not the expected JSON. */
	static class BadBody extends RuntimeException {

		private final String field;

		BadBody(String field, String message) {
			super(message);
			this.field = field;
		}

		String field() {
			return field;
		}
	}

	static JsonNode object(String body, Set<String> allowed) {
		JsonNode node;
		try {
			node = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new BadBody("", "The body is not valid JSON.");
		}
		if (node == null || !node.isObject()) {
			throw new BadBody("", "The body must be a JSON object.");
		}
		for (String name : node.propertyNames()) {
			if (!allowed.contains(name)) {
				throw new BadBody(name, "Unknown field '" + name + "'; allowed: " + allowed + ".");
			}
		}
		return node;
	}

	static int integer(JsonNode object, String field) {
		JsonNode value = object.get(field);
		if (value == null || value.isNull()) {
			throw new BadBody(field, field + " is required.");
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt()) {
			throw new BadBody(field, field + " must be a whole number.");
		}
		return value.intValue();
	}

	static long longInteger(JsonNode object, String field) {
		JsonNode value = object.get(field);
		if (value == null || value.isNull()) {
			throw new BadBody(field, field + " is required.");
		}
		if (!value.isIntegralNumber() || !value.canConvertToLong()) {
			throw new BadBody(field, field + " must be a whole number.");
		}
		return value.longValue();
	}

	static String text(JsonNode object, String field) {
		JsonNode value = object.get(field);
		if (value == null || value.isNull()) {
			throw new BadBody(field, field + " is required.");
		}
		if (!value.isString()) {
			throw new BadBody(field, field + " must be a string.");
		}
		return value.asString();
	}

	/** A decimal amount given as a string ({@code "12.50"}), so no float ever carries money. */
	static BigDecimal amount(JsonNode object, String field) {
		String text = text(object, field);
		if (!text.matches("[0-9]{1,12}(\\.[0-9]{1,4})?")) {
			throw new BadBody(field, field + " must be an amount like \"12.50\".");
		}
		return new BigDecimal(text);
	}
}
