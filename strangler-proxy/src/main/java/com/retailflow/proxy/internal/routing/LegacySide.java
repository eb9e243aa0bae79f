package com.retailflow.proxy.internal.routing;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Answers a request from the legacy shop: the forwarder, possibly decorated (shadowing). */
public interface LegacySide {

	void answer(HttpServletRequest request, HttpServletResponse response, Decision decision) throws IOException;
}
