package com.retailflow.proxy.internal.shadow;

import com.retailflow.proxy.internal.shadow.ShadowComparator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Passes everything through to the shopper unchanged and as it comes (no buffering, no delay) while keeping a
 * copy of status, headers and up to {@code limit} body bytes for the shadow comparison.
 */
public final class CapturingResponse extends HttpServletResponseWrapper {

	private final long limit;
	private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
	private final Map<String, String> headers = new TreeMap<>();
	private boolean truncated;
	private ServletOutputStream stream;

	public CapturingResponse(HttpServletResponse response, long limit) {
		super(response);
		this.limit = limit;
	}

	public ShadowComparator.Answer answer() {
		return new ShadowComparator.Answer(getStatus(), Map.copyOf(headers), copy.toByteArray());
	}

	public boolean truncated() {
		return truncated;
	}

	@Override
	public void setHeader(String name, String value) {
		headers.put(name.toLowerCase(Locale.ROOT), value);
		super.setHeader(name, value);
	}

	@Override
	public void addHeader(String name, String value) {
		headers.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + ", " + b);
		super.addHeader(name, value);
	}

	@Override
	public void setContentType(String type) {
		headers.put("content-type", type);
		super.setContentType(type);
	}

	@Override
	public void reset() {
		headers.clear();
		copy.reset();
		super.reset();
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		if (stream == null) {
			ServletOutputStream out = super.getOutputStream();
			stream = new ServletOutputStream() {
				@Override
				public void write(int b) throws IOException {
					out.write(b);
					keep(new byte[] { (byte) b }, 0, 1);
				}

				@Override
				public void write(byte[] bytes, int offset, int length) throws IOException {
					out.write(bytes, offset, length);
					keep(bytes, offset, length);
				}

				@Override
				public void flush() throws IOException {
					out.flush();
				}

				@Override
				public boolean isReady() {
					return out.isReady();
				}

				@Override
				public void setWriteListener(WriteListener listener) {
					out.setWriteListener(listener);
				}
			};
		}
		return stream;
	}

	private void keep(byte[] bytes, int offset, int length) {
		if (copy.size() + length > limit) {
			truncated = true;
			return;
		}
		copy.write(bytes, offset, length);
	}
}
