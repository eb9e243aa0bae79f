package com.retailflow.identity.internal.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the request's parameters first, before the CSRF filter does: a form or query string the container cannot
 * decode (bytes that are not UTF-8, a malformed {@code %} escape, too many parameters) makes it throw, and that must
 * become legacy's readable 400 page ("The form could not be read.") or a problem document, not the container's bare
 * error.
 */
class UnreadableForms extends OncePerRequestFilter {

	static final String PAGE = "/sign-in/unreadable";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			request.getParameterMap();
		}
		catch (IllegalStateException unreadable) {
			if (request.getRequestURI().startsWith("/api/")) {
				IdentitySecurity.writeProblem(request, response, HttpStatus.BAD_REQUEST,
						AuthProblems.INVALID.toString(), "The request's parameters could not be read.");
			}
			else {
				request.getRequestDispatcher(PAGE).forward(request, response);
			}
			return;
		}
		chain.doFilter(request, response);
	}
}
