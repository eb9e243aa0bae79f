package com.retailflow.identity.internal.web;

import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.retailflow.identity.AccountDetails;
import com.retailflow.identity.IdentityManagement;
import com.retailflow.identity.InvalidAccountData;
import com.retailflow.identity.Registration;
import com.retailflow.identity.SignedInAccount;
import com.retailflow.identity.internal.signin.SignIn;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The auth JSON API. Same session cookie and same CSRF protection as the pages: every POST carries the token from
 * {@code GET /api/v1/auth/csrf} in the {@code X-XSRF-TOKEN} header. Every error is a problem document
 * ({@link AuthProblems}).
 */
@RestController
@RequestMapping(path = "/api/v1/auth", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Auth", description = "Sign in, sign out, who am I, register. Cookie session; CSRF token in X-XSRF-TOKEN.")
class AuthApi {

	private final IdentityManagement identity;
	private final SignIn signIn;

	AuthApi(IdentityManagement identity, SignIn signIn) {
		this.identity = identity;
		this.signIn = signIn;
	}

	/** The token to send back in {@code headerName} (or form field {@code parameterName}) on unsafe requests. */
	record CsrfView(String token, String headerName, String parameterName) {
	}

	/** An account as the API shows it (never a password hash). */
	record AccountView(String id, String email, String name, List<String> roles, Instant createdAt) {

		static AccountView of(AccountDetails account) {
			return new AccountView(account.id().toString(), account.email().value(), account.name(),
					account.roles().stream().map(Enum::name).sorted().toList(), account.createdAt());
		}
	}

	record SignInRequest(@Nullable String email, @Nullable String password) {

		@Override
		public String toString() {
			return "SignInRequest[email=" + email + "]";
		}
	}

	record RegisterRequest(@Nullable String email, @Nullable String name, @Nullable String password) {

		@Override
		public String toString() {
			return "RegisterRequest[email=" + email + ", name=" + name + "]";
		}
	}

	@GetMapping("/csrf")
	@Operation(summary = "A CSRF token for the next unsafe request",
			description = "Sets the CSRF cookie when there is none. Send the token in the X-XSRF-TOKEN header.")
	CsrfView csrf(CsrfToken token) {
		return new CsrfView(token.getToken(), token.getHeaderName(), token.getParameterName());
	}

	@PostMapping(path = "/sign-in", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Sign in with e-mail and password", description = """
			Starts a session (a new session id). An unknown e-mail and a wrong password get the same 401. \
			Failed attempts are throttled per e-mail and client address and per client address: 429 with Retry-After.""")
	@ApiResponse(responseCode = "200", description = "Signed in")
	@ApiResponse(responseCode = "400", description = "Missing fields, a password over the length limit, malformed JSON",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "401", description = "Unknown e-mail or wrong password",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "Missing or wrong CSRF token",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "429", description = "Too many failed attempts; see Retry-After",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	AccountView signIn(@RequestBody SignInRequest body, HttpServletRequest request, HttpServletResponse response) {
		String email = required(body.email(), "email");
		String password = required(body.password(), "password");
		signIn.signIn(email, password, request, response);
		return me();
	}

	@PostMapping("/sign-out")
	@Operation(summary = "Sign out", description = "Ends the session; harmless when not signed in.")
	@ApiResponse(responseCode = "204", description = "Signed out")
	ResponseEntity<Void> signOut(HttpServletRequest request, HttpServletResponse response) {
		signIn.signOut(request, response);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/me")
	@Operation(summary = "The signed-in account")
	@ApiResponse(responseCode = "200", description = "Signed in")
	@ApiResponse(responseCode = "401", description = "Not signed in",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	AccountView me() {
		var account = SignedInAccount.current().flatMap(identity::find).orElseThrow(NotSignedIn::new);
		return AccountView.of(account);
	}

	@PostMapping(path = "/register", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Register a shopper and sign in", description = """
			As on legacy's registration page, an e-mail that already has an account is refused (409) and says so.""")
	@ApiResponse(responseCode = "201", description = "Registered and signed in")
	@ApiResponse(responseCode = "400", description = "Invalid e-mail, name or password, malformed JSON",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "The e-mail already has an account",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<AccountView> register(@RequestBody RegisterRequest body, HttpServletRequest request,
			HttpServletResponse response) {
		var account = identity.register(new Registration(required(body.email(), "email"), required(body.name(), "name"),
				required(body.password(), "password")));
		signIn.signInRegistered(account, request, response);
		return ResponseEntity.status(HttpStatus.CREATED).body(AccountView.of(account));
	}

	private static String required(@Nullable String value, String field) {
		if (value == null || value.isEmpty()) {
			throw new InvalidAccountData(field, "'" + field + "' is required.");
		}
		return value;
	}

	/** {@code /me} without a session. */
	static class NotSignedIn extends RuntimeException {

		NotSignedIn() {
			super("Not signed in.");
		}
	}
}
