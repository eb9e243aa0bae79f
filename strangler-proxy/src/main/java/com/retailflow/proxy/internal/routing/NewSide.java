package com.retailflow.proxy.internal.routing;

import java.io.IOException;

import com.retailflow.proxy.internal.routes.Side;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Answers a request from the new modules, possibly wrapped (replay and fallback). */
public interface NewSide {

	/** Answers and returns the side that finally did (legacy after a replay). */
	Side answer(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Decision decision)
			throws IOException, ServletException;
}
