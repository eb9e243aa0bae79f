package com.retailflow.catalog.internal.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

import com.retailflow.catalog.storefront.StorefrontLayout;

import gg.jte.Content;

/** Renders {@code catalog/layout} around another module's body, with the chrome the catalog's pages get. */
@Component
class JteStorefrontLayout implements StorefrontLayout {

	private final StorefrontChrome chrome;

	JteStorefrontLayout(StorefrontChrome chrome) {
		this.chrome = chrome;
	}

	@Override
	public ModelAndView page(HttpServletRequest request, HttpServletResponse response, String title, Content body,
			HttpStatusCode status) {
		var view = new ModelAndView("catalog/layout",
				Map.of("chrome", chrome.chrome(request, response, title, StorefrontChrome.NONE, ""), "content", body));
		view.setStatus(status);
		return view;
	}
}
