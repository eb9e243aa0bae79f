package com.retailflow.proxy.internal.admin;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.PropertySource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The migration console: server-rendered jte pages (like the storefront, precompiled at build time) whose script
 * ({@code static/admin/console.js}) polls the admin API. No front-end build, no framework: the console must keep
 * working while everything else is being migrated.
 */
@Controller
@PropertySource("classpath:com/retailflow/proxy/internal/admin/console-defaults.properties")
class AdminConsoleController {

	@GetMapping("/admin")
	String console(HttpServletRequest request, Principal principal, Model model) {
		model.addAttribute("page", new ConsolePages.Console(principal.getName(), ConsolePages.Csrf.of(request)));
		return "proxy/console";
	}

	@GetMapping("/admin/login")
	String login(HttpServletRequest request, Model model) {
		boolean failed = request.getParameterMap().containsKey("error");
		boolean throttled = request.getParameterMap().containsKey("throttled");
		model.addAttribute("page", new ConsolePages.Login(failed, throttled, ConsolePages.Csrf.of(request)));
		return "proxy/login";
	}
}
