package com.retailflow.identity.internal.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import com.retailflow.identity.AccountDetails;
import com.retailflow.identity.AccountId;
import com.retailflow.identity.EmailAlreadyRegistered;
import com.retailflow.identity.IdentityManagement;
import com.retailflow.identity.InvalidAccountData;
import com.retailflow.identity.Registration;
import com.retailflow.identity.SignedInAccount;
import com.retailflow.identity.WrongPassword;
import com.retailflow.identity.internal.passwords.HashingBusy;
import com.retailflow.identity.internal.passwords.PasswordTooLong;
import com.retailflow.identity.internal.signin.SignIn;
import com.retailflow.identity.internal.signin.SignInThrottled;
import com.retailflow.identity.internal.web.IdentityPages.Profile;
import com.retailflow.identity.internal.web.IdentityPages.RegisterForm;
import com.retailflow.identity.internal.web.IdentityPages.SignInForm;

/**
 * Sign-in, sign-out, registration and profile as storefront pages, with legacy's markup, field names, messages and
 * status codes ({@code login.php}, {@code logout.php}, {@code register.php}); the profile page is new (legacy has
 * none) and keeps the look. Every bad input is a readable page with a 4xx, never a 500; nothing is stored by a failed
 * request.
 */
@Controller
class AccountPages {

	static final String PROFILE = "/account/profile";
	private static final String FLASH = AccountPages.class.getName() + ".flash";
	private static final String WRONG = "The e-mail address or password is not correct.";
	private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

	private final IdentityManagement identity;
	private final SignIn signIn;
	private final PageRenderer pages;

	AccountPages(IdentityManagement identity, SignIn signIn, PageRenderer pages) {
		this.identity = identity;
		this.signIn = signIn;
		this.pages = pages;
	}

	@GetMapping({ "/sign-in", "/sign-in/" })
	ModelAndView signInForm(@RequestParam(defaultValue = "") String next, HttpServletRequest request,
			HttpServletResponse response) {
		return signInPage(request, response, Next.safe(next), "", null, HttpStatus.OK);
	}

	@PostMapping({ "/sign-in", "/sign-in/" })
	ModelAndView signIn(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String next, HttpServletRequest request, HttpServletResponse response) {
		String safeNext = Next.safe(next);
		String typed = email.strip();
		if (typed.isEmpty() || password.isEmpty()) {
			return signInPage(request, response, safeNext, typed, WRONG, HttpStatus.OK);
		}
		try {
			signIn.signIn(typed, password, request, response);
			return redirect(safeNext.isEmpty() ? PROFILE : safeNext);
		}
		catch (SignInThrottled ex) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfterSeconds()));
			return signInPage(request, response, safeNext, typed, "Too many failed sign-in attempts. Please try again in "
					+ minutes(ex.retryAfterSeconds()) + ".", HttpStatus.TOO_MANY_REQUESTS);
		}
		catch (PasswordTooLong ex) {
			return signInPage(request, response, safeNext, typed, ex.getMessage(), HttpStatus.BAD_REQUEST);
		}
		catch (BadCredentialsException ex) {
			return signInPage(request, response, safeNext, typed, WRONG, HttpStatus.OK);
		}
		catch (HashingBusy | InternalAuthenticationServiceException ex) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			return signInPage(request, response, safeNext, typed,
					"The shop is very busy right now. Please try again in a moment.", HttpStatus.SERVICE_UNAVAILABLE);
		}
	}

	/** A plain link, as legacy's {@code logout.php} is (anyone can sign you out; nothing else can happen). */
	@RequestMapping(path = { "/sign-out", "/sign-out/" }, method = { RequestMethod.GET, RequestMethod.POST })
	ModelAndView signOut(HttpServletRequest request, HttpServletResponse response) {
		signIn.signOut(request, response);
		return redirect("/");
	}

	@GetMapping({ "/register", "/register/" })
	ModelAndView registerForm(@RequestParam(defaultValue = "") String next, HttpServletRequest request,
			HttpServletResponse response) {
		return registerPage(request, response, Next.safe(next), "", "", List.of(), HttpStatus.OK);
	}

	@PostMapping({ "/register", "/register/" })
	ModelAndView register(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String next,
			HttpServletRequest request, HttpServletResponse response) {
		String safeNext = Next.safe(next);
		List<String> errors = new ArrayList<>();
		AccountDetails account = null;
		try {
			account = identity.register(new Registration(email, name, password));
		}
		catch (InvalidAccountData | EmailAlreadyRegistered ex) {
			errors.add(ex.getMessage());
		}
		catch (HashingBusy ex) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			return registerPage(request, response, safeNext, name.strip(), email.strip(),
					List.of("The shop is very busy right now. Please try again in a moment."),
					HttpStatus.SERVICE_UNAVAILABLE);
		}
		if (account == null) {
			// legacy answers a refused registration with the form again, 200, its messages on top
			return registerPage(request, response, safeNext, truncate(name.strip(), 100), truncate(email.strip(), 191),
					errors, HttpStatus.OK);
		}
		signIn.signInRegistered(account, request, response);
		flash(request, "Welcome, " + account.name() + "! Your account has been created.");
		return redirect(safeNext.isEmpty() ? PROFILE : safeNext);
	}

	@GetMapping(PROFILE)
	ModelAndView profile(HttpServletRequest request, HttpServletResponse response) {
		return profilePage(request, response, List.of(), HttpStatus.OK);
	}

	@PostMapping(PROFILE + "/name")
	ModelAndView changeName(@RequestParam(defaultValue = "") String name, HttpServletRequest request,
			HttpServletResponse response) {
		return change(request, response, "Your name has been changed.", id -> identity.changeName(id, name));
	}

	@PostMapping(PROFILE + "/email")
	ModelAndView changeEmail(@RequestParam(defaultValue = "") String email, HttpServletRequest request,
			HttpServletResponse response) {
		return change(request, response, "Your e-mail address has been changed.", id -> identity.changeEmail(id, email));
	}

	@PostMapping(PROFILE + "/password")
	ModelAndView changePassword(@RequestParam(defaultValue = "") String current,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response) {
		return change(request, response, "Your password has been changed.",
				id -> identity.changePassword(id, current, password));
	}

	/** Where the security chain sends a form whose CSRF token is missing or wrong: legacy's 400 page and text. */
	@RequestMapping("/sign-in/refused")
	ModelAndView refused(HttpServletRequest request, HttpServletResponse response) {
		return pages.problem(request, response, HttpStatus.BAD_REQUEST, "Bad request",
				"Your session has expired or the form was not sent by this shop. Please go back, reload the page and try again.");
	}

	/** Where {@link UnreadableForms} sends a form the container could not decode: legacy's 400 page. */
	@RequestMapping(UnreadableForms.PAGE)
	ModelAndView unreadable(HttpServletRequest request, HttpServletResponse response) {
		return pages.problem(request, response, HttpStatus.BAD_REQUEST, "Bad request", "The form could not be read.");
	}

	private interface Change {

		void apply(AccountId account);
	}

	private ModelAndView change(HttpServletRequest request, HttpServletResponse response, String done, Change change) {
		var account = SignedInAccount.current();
		if (account.isEmpty()) {
			return redirect("/sign-in?next=" + PROFILE);
		}
		try {
			change.apply(account.get());
		}
		catch (InvalidAccountData | EmailAlreadyRegistered | WrongPassword ex) {
			return profilePage(request, response, List.of(ex.getMessage()), HttpStatus.BAD_REQUEST);
		}
		catch (HashingBusy ex) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			return profilePage(request, response,
					List.of("The shop is very busy right now. Please try again in a moment."),
					HttpStatus.SERVICE_UNAVAILABLE);
		}
		flash(request, done);
		return redirect(PROFILE);
	}

	private ModelAndView signInPage(HttpServletRequest request, HttpServletResponse response, String next, String email,
			String error, HttpStatus status) {
		return pages.render(request, response, "Sign in", "sign-in",
				new SignInForm(PageRenderer.csrf(request), next, truncate(email, 191), error), status);
	}

	private ModelAndView registerPage(HttpServletRequest request, HttpServletResponse response, String next,
			String name, String email, List<String> errors, HttpStatus status) {
		return pages.render(request, response, "Create an account", "register",
				new RegisterForm(PageRenderer.csrf(request), next, name, email, errors), status);
	}

	private ModelAndView profilePage(HttpServletRequest request, HttpServletResponse response, List<String> errors,
			HttpStatus status) {
		var account = SignedInAccount.current().flatMap(identity::find);
		if (account.isEmpty()) {
			// The account went away under a live session, as legacy's account.php handles it.
			signIn.signOut(request, response);
			return redirect("/sign-in?next=" + PROFILE);
		}
		var details = account.get();
		return pages.render(request, response, "Your account", "profile",
				new Profile(PageRenderer.csrf(request), details.name(), details.email().value(),
						DAY.format(details.createdAt()), takeFlashes(request), errors),
				status);
	}

	private static void flash(HttpServletRequest request, String text) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.setAttribute(FLASH, text);
		}
	}

	private static List<String> takeFlashes(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(FLASH) instanceof String text)) {
			return List.of();
		}
		session.removeAttribute(FLASH);
		return List.of(text);
	}

	private static ModelAndView redirect(String path) {
		return new ModelAndView("redirect:" + path);
	}

	private static String minutes(long seconds) {
		long minutes = (seconds + 59) / 60;
		return minutes <= 1 ? "a minute" : minutes + " minutes";
	}

	private static String truncate(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max);
	}
}
