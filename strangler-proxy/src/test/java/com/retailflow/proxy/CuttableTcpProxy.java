package com.retailflow.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a database that a test can cut: {@link #cut()} drops every open connection and
 * from then on accepts new ones but never forwards a byte (like a firewall dropping packets: the client waits
 * for its own timeouts); {@link #restore()} forwards again. The database server itself is never touched.
 */
final class CuttableTcpProxy implements AutoCloseable {

	private final ServerSocket server;
	private final String targetHost;
	private final int targetPort;
	private final List<Socket> open = new CopyOnWriteArrayList<>();
	private volatile boolean cut;

	CuttableTcpProxy(String targetHost, int targetPort) {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		try {
			server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		Thread.ofVirtual().name("tcp-proxy").start(this::accept);
	}

	int port() {
		return server.getLocalPort();
	}

	void cut() {
		cut = true;
		open.forEach(CuttableTcpProxy::closeQuietly);
		open.clear();
	}

	void restore() {
		open.forEach(CuttableTcpProxy::closeQuietly);
		open.clear();
		cut = false;
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				open.add(client);
				if (cut) {
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

	private static void pump(Socket from, Socket to) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			byte[] buffer = new byte[16 * 1024];
			for (int n; (n = in.read(buffer)) >= 0;) {
				out.write(buffer, 0, n);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side went away
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	@Override
	public void close() {
		try {
			server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		cut();
	}
}
