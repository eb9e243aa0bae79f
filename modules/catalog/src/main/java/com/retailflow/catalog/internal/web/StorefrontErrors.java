package com.retailflow.catalog.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import com.retailflow.catalog.internal.web.Pages.ErrorPage;

/** Renders storefront errors as the shop's own error page with the right status, never a bare error. */
@ControllerAdvice(assignableTypes = StorefrontController.class)
class StorefrontErrors {

	private final StorefrontChrome chrome;

	StorefrontErrors(StorefrontChrome chrome) {
		this.chrome = chrome;
	}

	@ExceptionHandler(StorefrontProblem.class)
	ModelAndView problem(StorefrontProblem problem, HttpServletRequest request, HttpServletResponse response) {
		var page = new ErrorPage(chrome.chrome(request, response, problem.title(), StorefrontChrome.NONE, ""),
				problem.title(), problem.getMessage());
		var view = new ModelAndView("catalog/error");
		view.addObject(StorefrontController.MODEL, page);
		view.setStatus(problem.status());
		return view;
	}
}
