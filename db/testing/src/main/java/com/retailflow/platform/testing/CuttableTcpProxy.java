package com.retailflow.platform.testing;

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
 * A TCP forwarder in front of a database that a test can cut, without touching the database server itself:
 * <ul>
 * <li>{@link #refuse()} drops every open connection and refuses new ones, as a host that is down answers;
 * <li>{@link #blackHole()} drops every open connection, then accepts new ones but never forwards a byte, as a
 * firewall dropping packets does: the client waits for its own timeouts;
 * <li>{@link #restore()} forwards again, on the same port.
 * </ul>
 */
public final class CuttableTcpProxy implements AutoCloseable {

	private final int port;
	private final String targetHost;
	private final int targetPort;
	private final Set<Socket> open = ConcurrentHashMap.newKeySet();
	private volatile @Nullable ServerSocket listener;
	private volatile boolean blackHoled;

	/** Listens on a free port below the ephemeral range. */
	public CuttableTcpProxy(String targetHost, int targetPort) {
		this(LegacyShop.freePort(), targetHost, targetPort);
	}

	public CuttableTcpProxy(int port, String targetHost, int targetPort) {
		this.port = port;
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		restore();
	}

	public int port() {
		return port;
	}

	/** Drops every connection and refuses new ones until {@link #restore()}. */
	public synchronized void refuse() {
		closeQuietly(listener);
		listener = null;
		dropOpenConnections();
	}

	/** Drops every connection; new ones are accepted and left hanging until {@link #restore()}. */
	public synchronized void blackHole() {
		blackHoled = true;
		dropOpenConnections();
		if (listener == null) {
			listen();
		}
	}

	/** Forwards again, on the same port. */
	public synchronized void restore() {
		if (blackHoled) {
			dropOpenConnections();
			blackHoled = false;
		}
		if (listener == null) {
			listen();
		}
	}

	private void listen() {
		try {
			var server = new ServerSocket();
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress("127.0.0.1", port));
			listener = server;
			Thread.ofVirtual().name("cuttable-tcp-proxy-" + port).start(() -> accept(server));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not listen on " + port, ex);
		}
	}

	private void dropOpenConnections() {
		open.forEach(CuttableTcpProxy::closeQuietly);
		open.clear();
	}

	private void accept(ServerSocket server) {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				open.add(client);
				if (blackHoled) {
					continue;
				}
				Socket upstream = new Socket(targetHost, targetPort);
				open.add(upstream);
				Thread.ofVirtual().start(() -> pump(client, upstream));
				Thread.ofVirtual().start(() -> pump(upstream, client));
			}
			catch (IOException ex) {
				if (server.isClosed()) {
					return;
				}
			}
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			for (int read; (read = in.read(buffer)) >= 0;) {
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
		refuse();
	}
}
