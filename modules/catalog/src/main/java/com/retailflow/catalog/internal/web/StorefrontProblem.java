package com.retailflow.catalog.internal.web;

import org.springframework.http.HttpStatus;

/**
 * A storefront request that ends in the shop's error page (404 for unknown products, categories and pages, 400 for a
 * bad page number or an empty search), with the legacy shop's wording so both systems answer alike.
 */
class StorefrontProblem extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final HttpStatus status;
	private final String title;

	private StorefrontProblem(HttpStatus status, String title, String message) {
		super(message);
		this.status = status;
		this.title = title;
	}

	static StorefrontProblem notFound(String title, String message) {
		return new StorefrontProblem(HttpStatus.NOT_FOUND, title, message);
	}

	static StorefrontProblem badRequest(String title, String message) {
		return new StorefrontProblem(HttpStatus.BAD_REQUEST, title, message);
	}

	HttpStatus status() {
		return status;
	}

	String title() {
		return title;
	}
}
