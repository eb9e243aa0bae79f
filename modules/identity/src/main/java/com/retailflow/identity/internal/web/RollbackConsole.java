package com.retailflow.identity.internal.web;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import com.retailflow.identity.IdentityManagement;
import com.retailflow.identity.internal.web.IdentityPages.RollbackReport;
import com.retailflow.identity.internal.web.IdentityPages.StaleAccount;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * What rolling identity back to LEGACY does to shoppers, for the migration team before the flip: the console page
 * {@code /admin/identity/rollback} and its JSON. Both sit under {@code /admin}, so the admin console's security chain
 * (ADMIN accounts) guards them. See docs/runbooks/identity.md.
 */
@Controller
class RollbackConsole {

	static final String SUMMARY = "After a rollback of identity to LEGACY every shopper signs in on legacy pages with the "
			+ "e-mail address and password they use on the new side: registrations and password, name and e-mail "
			+ "changes made there are written to legacy in the same request. The exceptions are listed here: their "
			+ "last change could not be written to legacy. Until they sign in once more on the new side (which writes "
			+ "it), legacy takes only their previous e-mail address and password, and a shopper who registered on the "
			+ "new side cannot sign in on legacy at all.";

	static final String CANNOT_SIGN_IN = "cannot sign in: legacy has no account for this e-mail address";
	static final String PREVIOUS_ONLY = "signs in only with the previous e-mail address and password";

	private final IdentityManagement identity;
	private final TemplateEngine templates;

	RollbackConsole(IdentityManagement identity, TemplateEngine templates) {
		this.identity = identity;
		this.templates = templates;
	}

	@GetMapping(path = "/admin/api/identity/rollback", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	RollbackReport report() {
		var stale = identity.staleLegacyCopies()
			.stream()
			.map(copy -> new StaleAccount(copy.account().toString(), copy.email().value(), copy.legacyId(),
					copy.since().toString(), copy.unknownToLegacy() ? CANNOT_SIGN_IN : PREVIOUS_ONLY))
			.toList();
		return new RollbackReport(SUMMARY, stale.size(), stale);
	}

	@GetMapping(path = "/admin/identity/rollback", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String page() {
		var output = new StringOutput();
		templates.render("identity/rollback.jte", report(), output);
		return output.toString();
	}
}
