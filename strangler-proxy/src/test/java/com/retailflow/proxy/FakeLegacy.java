package com.retailflow.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A legacy shop that misbehaves on purpose, chosen by path: {@code /close.php} reads the request and closes
 * without answering; {@code /stale.php} answers the first request of a connection and closes without answering
 * the second, like a server that dropped an idle keep-alive connection; {@code /slow.php} answers after
 * {@code ?ms=} milliseconds; anything else answers 200 at once. Answers close the connection unless the query
 * has {@code keep=1}, so a test controls which pooled connections exist. Every request line it read is recorded.
 */
final class FakeLegacy implements AutoCloseable {

	private final ServerSocket server;
	private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();

	FakeLegacy() {
		try {
			server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		Thread.ofVirtual().name("fake-legacy").start(this::accept);
	}

	String url() {
		return "http://127.0.0.1:" + server.getLocalPort();
	}

	/** The request lines read so far ("GET /close.php"), in order. */
	List<String> received() {
		return List.copyOf(received);
	}

	void clear() {
		received.clear();
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket socket = server.accept();
				Thread.ofVirtual().start(() -> serve(socket));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
			for (int onThisConnection = 1;; onThisConnection++) {
				String head = readHead(in);
				if (head == null) {
					return;
				}
				String[] lines = head.split("\r\n");
				String[] requestLine = lines[0].split(" ");
				String target = requestLine[1];
				received.add(requestLine[0] + " " + target);
				long length = 0;
				for (String line : lines) {
					if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
						length = Long.parseLong(line.substring(15).trim());
					}
				}
				in.readNBytes((int) length);
				String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
				switch (path) {
					case "/close.php" -> {
						return;
					}
					case "/stale.php" -> {
						if (onThisConnection > 1) {
							return;
						}
					}
					case "/slow.php" -> Thread.sleep(Long.parseLong(target.substring(target.indexOf("ms=") + 3)));
					default -> {
					}
				}
				boolean keepAlive = target.contains("keep=1");
				byte[] body = ("answered " + requestLine[0] + " " + target).getBytes(StandardCharsets.UTF_8);
				out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
						+ "\r\nConnection: " + (keepAlive ? "keep-alive" : "close") + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.write(body);
				out.flush();
				if (!keepAlive) {
					return;
				}
			}
		}
		catch (IOException ex) {
			// The proxy hung up; nothing to answer.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String readHead(InputStream in) throws IOException {
		var head = new ByteArrayOutputStream();
		int matched = 0;
		int b;
		while ((b = in.read()) >= 0) {
			head.write(b);
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
			if (matched == 4) {
				return head.toString(StandardCharsets.US_ASCII);
			}
		}
		return null;
	}

	@Override
	public void close() {
		try {
			server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}
}
