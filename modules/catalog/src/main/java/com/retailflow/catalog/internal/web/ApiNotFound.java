package com.retailflow.catalog.internal.web;

/** An API resource that does not exist (or is hidden from shoppers): answered with a 404 problem. */
class ApiNotFound extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	ApiNotFound(String message) {
		super(message);
	}
}
