package com.retailflow.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The error contract over real HTTP, including requests Tomcat or Spring Security's firewall reject before
 * any controller runs: under {@code /api/} and {@code /admin/api/} every error is an RFC 9457 problem; on the
 * storefront it is a readable page in the shop's look. The request targets are sent as raw bytes (a client
 * library would refuse to send most of them).
 */
class ErrorContractTests extends ProxyAgainstLegacyShop {

	@ParameterizedTest(name = "{0} {1} -> {2} {3}")
	@CsvSource(delimiter = '|', textBlock = """
			# why                        | target                          | status | kind
			bad percent-encoding         | /api/v1/products/%zz            | 400    | problem
			invalid UTF-8                | /api/v1/products/%C3%28         | 400    | problem
			dot-segments above the root  | /api/v1/../../../etc/passwd     | 400    | problem
			encoded slash                | /api/v1/products/a%2Fb          | 400    | problem
			firewall: doubled slash      | /api/v1//products               | 400    | problem
			firewall: encoded dot-segment| /api/v1/products/%2e%2e/x       | 400    | problem
			no handler                   | /api/v1/no-such-thing           | 404    | problem
			database unreachable         | /api/v1/test/database-down      | 503    | problem
			admin: bad percent-encoding  | /admin/api/routes/%zz           | 400    | problem
			admin: firewall              | /admin/api//routes              | 400    | problem
			storefront: bad encoding     | /products/%zz                   | 400    | page
			storefront: invalid UTF-8    | /%C3%28.php                     | 400    | page
			storefront: dot-segments     | /../../etc/passwd               | 400    | page
			storefront: encoded slash    | /products/1%2F2                 | 400    | page
			error page asked directly    | /error                          | 404    | page
			""")
	void everyErrorFollowsTheContract(String why, String target, int status, String kind) throws IOException {
		var response = RawResponse.get(port, target, "text/html,application/xhtml+xml,*/*;q=0.8");
		assertThat(response.status()).as(why + ": " + response.head()).isEqualTo(status);
		if (status == 503) {
			assertThat(response.header("retry-after")).as(why).isEqualTo("5");
		}
		if (kind.equals("problem")) {
			assertThat(response.header("content-type")).as(why).startsWith("application/problem+json");
			var problem = JSON.readTree(response.body());
			assertThat(problem.get("status").asInt()).as(why).isEqualTo(status);
			assertThat(problem.has("title")).as(why).isTrue();
		}
		else {
			assertThat(response.header("content-type")).as(why).startsWith("text/html");
			assertThat(response.body()).as(why).contains("RetailFlow Shop").contains("Back to the shop");
		}
	}

	/** One HTTP/1.1 exchange over a plain socket, the request target sent exactly as given. */
	record RawResponse(int status, String head, Map<String, String> headers, String body) {

		static RawResponse get(int port, String target, String accept) throws IOException {
			try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
				socket.setSoTimeout(10_000);
				OutputStream out = socket.getOutputStream();
				out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: " + accept
						+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				InputStream in = socket.getInputStream();
				String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				int split = raw.indexOf("\r\n\r\n");
				String head = split < 0 ? raw : raw.substring(0, split);
				String body = split < 0 ? "" : raw.substring(split + 4);
				String[] lines = head.split("\r\n");
				Map<String, String> headers = new LinkedHashMap<>();
				for (int i = 1; i < lines.length; i++) {
					int colon = lines[i].indexOf(':');
					if (colon > 0) {
						headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
								lines[i].substring(colon + 1).trim());
					}
				}
				if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
					body = dechunk(body);
				}
				return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), head, headers, body);
			}
		}

		String header(String name) {
			return String.valueOf(headers.get(name));
		}

		private static String dechunk(String chunked) {
			var out = new StringBuilder();
			int at = 0;
			while (at < chunked.length()) {
				int lineEnd = chunked.indexOf("\r\n", at);
				int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
				if (size == 0) {
					break;
				}
				out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
				at = lineEnd + 2 + size + 2;
			}
			return out.toString();
		}
	}
}
