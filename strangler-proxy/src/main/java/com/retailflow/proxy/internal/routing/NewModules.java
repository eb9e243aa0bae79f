package com.retailflow.proxy.internal.routing;

import java.io.IOException;

import com.retailflow.proxy.internal.routes.Side;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The new side itself: the new modules' controllers answer, either the request as it came (a new URL) or an
 * internal forward to the new URL of a legacy URL.
 */
public final class NewModules implements NewSide {

	@Override
	public Side answer(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Decision decision)
			throws IOException, ServletException {
		if (decision.action() == Decision.Action.DISPATCH_NEW) {
			request.getRequestDispatcher(decision.target()).forward(request, response);
		}
		else {
			chain.doFilter(request, response);
		}
		return Side.NEW;
	}
}
