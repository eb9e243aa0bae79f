package com.retailflow.proxy;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Stands in for the new modules: answers new URLs so tests can tell which side served. */
@RestController
class NewSideController {

	/** A handler whose database cannot be reached, as a module's would be while PostgreSQL or MariaDB is down. */
	@GetMapping("/api/v1/test/database-down")
	String databaseDown() {
		throw new org.springframework.jdbc.CannotGetJdbcConnectionException("Connection refused");
	}

	@GetMapping("/products/{id}")
	String product(@PathVariable long id) {
		return "new product " + id;
	}

	/** Answers exactly what legacy serves at /assets/style.css: a shadow comparison that must match. */
	@GetMapping(value = "/mirror/style.css", produces = "text/css;charset=UTF-8")
	byte[] mirroredStylesheet() throws java.io.IOException {
		return java.nio.file.Files.readAllBytes(
				com.retailflow.platform.testing.LegacyShop.legacyDirectory().resolve("public/assets/style.css"));
	}

	/** Slow handlers running now, the most ever at once, and how many were interrupted (cancelled). */
	static final java.util.concurrent.atomic.AtomicInteger slowRunning = new java.util.concurrent.atomic.AtomicInteger();
	static final java.util.concurrent.atomic.AtomicInteger slowMostAtOnce = new java.util.concurrent.atomic.AtomicInteger();
	static final java.util.concurrent.atomic.AtomicInteger slowInterrupted = new java.util.concurrent.atomic.AtomicInteger();
	/** What the last requests to /mirror/headers.txt carried, and whether they were marked as shadow copies. */
	static final java.util.concurrent.BlockingQueue<java.util.Map<String, String>> seen = new java.util.concurrent.LinkedBlockingQueue<>();

	/** A new side that is far slower than the shadow timeout. */
	@GetMapping("/mirror/slow.css")
	String slow() throws InterruptedException {
		slowMostAtOnce.accumulateAndGet(slowRunning.incrementAndGet(), Math::max);
		try {
			Thread.sleep(3000);
			return "too late";
		}
		catch (InterruptedException ex) {
			slowInterrupted.incrementAndGet();
			throw ex;
		}
		finally {
			slowRunning.decrementAndGet();
		}
	}

	/** Records the request's headers (lower-case names) and the shadow-copy mark. */
	@GetMapping("/mirror/headers.txt")
	String headers(jakarta.servlet.http.HttpServletRequest request) {
		java.util.Map<String, String> headers = new java.util.TreeMap<>();
		java.util.Collections.list(request.getHeaderNames())
			.forEach(name -> headers.put(name.toLowerCase(java.util.Locale.ROOT), request.getHeader(name)));
		headers.put("(shadow copy)", String.valueOf(ShadowCopies.isShadowCopy(request)));
		seen.add(headers);
		return "headers";
	}

	/** An answer far over the shadow body cap. */
	@GetMapping(value = "/mirror/huge.css", produces = "text/css")
	String huge() {
		return "x".repeat(3 * 1024 * 1024);
	}

	@GetMapping("/flaky/{kind}")
	ResponseEntity<String> flaky(@PathVariable String kind) {
		return kind.equals("broken") ? ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body("new side broke")
				: ResponseEntity.ok("new flaky " + kind);
	}

	@GetMapping("/flaky/throws")
	String throwing() {
		throw new IllegalStateException("new side blew up");
	}

	/** Reads the whole upload before answering, so a shopper who hangs up mid-upload makes it fail. */
	@PostMapping("/flaky/upload")
	String upload(jakarta.servlet.http.HttpServletRequest request) throws java.io.IOException {
		return "read " + request.getInputStream().readAllBytes().length + " bytes";
	}

	@PostMapping("/flaky/{kind}")
	ResponseEntity<String> flakyPost(@PathVariable String kind) {
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body("new side broke on POST");
	}
}
