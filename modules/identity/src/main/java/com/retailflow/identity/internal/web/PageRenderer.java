package com.retailflow.identity.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatusCode;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

import com.retailflow.catalog.storefront.StorefrontLayout;
import com.retailflow.identity.internal.web.IdentityPages.Problem;

import gg.jte.TemplateEngine;

/** Renders one of identity's page bodies inside the storefront layout the catalog's pages use. */
@Component
class PageRenderer {

	private final StorefrontLayout layout;
	private final TemplateEngine templates;

	PageRenderer(StorefrontLayout layout, TemplateEngine templates) {
		this.layout = layout;
		this.templates = templates;
	}

	ModelAndView render(HttpServletRequest request, HttpServletResponse response, String title, String template,
			Object page, HttpStatusCode status) {
		return layout.page(request, response, title,
				output -> templates.render("identity/" + template + ".jte", page, output), status);
	}

	ModelAndView problem(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, String title,
			String message) {
		return render(request, response, title, "error", new Problem(title, message), status);
	}

	/** The masked CSRF token for a form (the cookie holds the raw one; masking differs per page, against BREACH). */
	static String csrf(HttpServletRequest request) {
		return request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token ? token.getToken() : "";
	}
}
