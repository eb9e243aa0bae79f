package com.retailflow.legacy.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads PHP's session serialisation ({@code session.serialize_handler = php}): {@code name|value} pairs where
 * each value is in {@code serialize()} format. Strings are byte-counted, so parsing works on bytes. Enough of
 * the format for what the legacy shop stores (strings, ints, bools, floats, null, nested arrays).
 */
final class PhpSerialization {

	/** Thrown for data this reader does not understand; callers treat the session as anonymous. */
	static final class Malformed extends IllegalArgumentException {

		Malformed(String message) {
			super(message);
		}
	}

	private final byte[] data;
	private int pos;

	private PhpSerialization(byte[] data) {
		this.data = data;
	}

	static Map<String, Object> session(byte[] data) {
		var reader = new PhpSerialization(data);
		Map<String, Object> values = new LinkedHashMap<>();
		while (reader.pos < data.length) {
			int bar = reader.indexOf((byte) '|');
			String key = new String(data, reader.pos, bar - reader.pos, StandardCharsets.UTF_8);
			reader.pos = bar + 1;
			values.put(key, reader.value());
		}
		return values;
	}

	/** Writes session values back in the same format (the inverse of {@link #session}). */
	static byte[] write(Map<String, Object> session) {
		var out = new StringBuilder();
		session.forEach((key, value) -> {
			out.append(key).append('|');
			serialize(value, out);
		});
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static void serialize(Object value, StringBuilder out) {
		switch (value) {
			case null -> out.append("N;");
			case Boolean b -> out.append("b:").append(b ? 1 : 0).append(';');
			case Long l -> out.append("i:").append(l).append(';');
			case Integer i -> out.append("i:").append(i).append(';');
			case Double d -> out.append("d:").append(d).append(';');
			case String text -> out.append("s:").append(text.getBytes(StandardCharsets.UTF_8).length).append(":\"")
				.append(text).append("\";");
			case Map<?, ?> map -> {
				out.append("a:").append(map.size()).append(":{");
				map.forEach((k, v) -> {
					serialize(k, out);
					serialize(v, out);
				});
				out.append('}');
			}
			default -> throw new Malformed("Cannot write " + value.getClass().getSimpleName() + " as PHP data");
		}
	}

	private Object value() {
		char type = (char) data[pos];
		switch (type) {
			case 'N':
				expect("N;");
				return null;
			case 'b':
				return readScalar("b:").equals("1");
			case 'i':
				return Long.parseLong(readScalar("i:"));
			case 'd':
				return Double.parseDouble(readScalar("d:"));
			case 's': {
				int length = Integer.parseInt(readUntil("s:", ':'));
				expect("\"");
				if (length < 0 || pos + length > data.length) {
					throw new Malformed("String of " + length + " bytes runs past the end at " + pos);
				}
				String text = new String(data, pos, length, StandardCharsets.UTF_8);
				pos += length;
				expect("\";");
				return text;
			}
			case 'a': {
				int size = Integer.parseInt(readUntil("a:", ':'));
				expect("{");
				Map<Object, Object> array = new LinkedHashMap<>();
				for (int i = 0; i < size; i++) {
					Object key = value();
					array.put(key, value());
				}
				expect("}");
				return array;
			}
			default:
				throw new Malformed("Unsupported PHP type '" + type + "' at " + pos);
		}
	}

	private String readScalar(String prefix) {
		return readUntil(prefix, ';');
	}

	private String readUntil(String prefix, char end) {
		expect(prefix);
		int stop = indexOf((byte) end);
		String text = new String(data, pos, stop - pos, StandardCharsets.US_ASCII);
		pos = stop + 1;
		return text;
	}

	private void expect(String text) {
		byte[] expected = text.getBytes(StandardCharsets.US_ASCII);
		if (pos + expected.length > data.length) {
			throw new Malformed("Truncated PHP data at " + pos);
		}
		for (int i = 0; i < expected.length; i++) {
			if (data[pos + i] != expected[i]) {
				throw new Malformed("Expected '" + text + "' at " + pos);
			}
		}
		pos += expected.length;
	}

	private int indexOf(byte b) {
		for (int i = pos; i < data.length; i++) {
			if (data[i] == b) {
				return i;
			}
		}
		throw new Malformed("Missing '" + (char) b + "' after " + pos);
	}
}
