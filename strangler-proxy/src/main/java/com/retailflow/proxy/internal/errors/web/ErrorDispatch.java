package com.retailflow.proxy.internal.errors.web;

import java.io.IOException;

import com.retailflow.proxy.internal.errors.ProxyErrors;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Answers the servlet container's error dispatch (an uncaught exception, a {@code sendError} from Tomcat's
 * request parsing or from Spring Security's firewall, a 404 no handler claimed) with the error contract of
 * {@link ProxyErrors}, in place of Spring Boot's default error controller. It never says more than the status:
 * exception messages stay in the log. A database that cannot be reached (or timed out) is the shop being
 * unavailable, not a fault of the request: 503 with {@code Retry-After}, as for a busy legacy.
 */
@Controller
class ErrorDispatch implements ErrorController {

	static final int RETRY_AFTER_SECONDS = 5;

	@RequestMapping("${server.error.path:${error.path:/error}}")
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (response.isCommitted()) {
			// Part of an answer already went out: appending an error body would corrupt it.
			return;
		}
		if (databaseUnavailable(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION))) {
			response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
			ProxyErrors.writeStatus(request, response, 503);
			return;
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		// Without a status the error page was asked for directly: there is nothing at that address.
		ProxyErrors.writeStatus(request, response, code instanceof Integer value && value >= 400 ? value : 404);
	}

	static boolean databaseUnavailable(Object exception) {
		for (Object cause = exception; cause instanceof Throwable t; cause = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException) {
				return true;
			}
		}
		return false;
	}
}
