package com.retailflow.legacydown;

import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One answer and how long it took, in milliseconds. */
record Response(HttpResponse<String> raw, long millis) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	int status() {
		return raw.statusCode();
	}

	String body() {
		return raw.body();
	}

	String header(String name) {
		return raw.headers().firstValue(name).orElse("");
	}

	/** The text at a JSON pointer of the body ({@code /components/legacy/status}), or "" when absent. */
	String json(String pointer) {
		JsonNode node = JSON.readTree(body()).at(pointer);
		return node.isMissingNode() ? "" : node.asString();
	}

	String servedBy() {
		return header("X-Served-By");
	}
}
