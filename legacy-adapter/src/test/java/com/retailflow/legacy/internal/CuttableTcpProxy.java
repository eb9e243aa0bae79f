package com.retailflow.legacy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * A TCP forwarder the test can cut: while cut, existing connections are dropped and new ones refused, exactly what
 * an application sees when its database becomes unreachable. Used between app processes and PostgreSQL.
 */
final class CuttableTcpProxy implements AutoCloseable {

	private final int port;
	private final String targetHost;
	private final int targetPort;
	private final Set<Socket> open = ConcurrentHashMap.newKeySet();
	private volatile @Nullable ServerSocket listener;

	CuttableTcpProxy(int port, String targetHost, int targetPort) {
		this.port = port;
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		restore();
	}

	int port() {
		return port;
	}

	/** Drops every connection and refuses new ones until {@link #restore()}. */
	synchronized void cut() {
		closeQuietly(listener);
		listener = null;
		open.forEach(CuttableTcpProxy::closeQuietly);
		open.clear();
	}

	/** Accepts connections again, on the same port. */
	synchronized void restore() {
		try {
			var server = new ServerSocket();
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress("127.0.0.1", port));
			listener = server;
			Thread.ofVirtual().start(() -> accept(server));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not listen on " + port, ex);
		}
	}

	private void accept(ServerSocket server) {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				Socket upstream = new Socket(targetHost, targetPort);
				open.add(client);
				open.add(upstream);
				Thread.ofVirtual().start(() -> pump(client, upstream));
				Thread.ofVirtual().start(() -> pump(upstream, client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// a cut, or one side closed: close both
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			open.remove(from);
			open.remove(to);
		}
	}

	private static void closeQuietly(@Nullable AutoCloseable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (Exception ignored) {
				// closing is all we want
			}
		}
	}

	@Override
	public void close() {
		cut();
	}
}
