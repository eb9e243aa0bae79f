package com.retailflow.identity.internal.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.session.web.http.CookieSerializer.CookieValue;
import org.springframework.session.web.http.DefaultCookieSerializer;

/** One session store, two cookies: the console's own under its path, the storefront's everywhere else. */
class SessionCookiesTests {

	@Test
	void theConsoleKeepsItsOwnCookieUnderItsPathAndTheStorefrontGetsItsOwn() {
		var context = new MockServletContext();
		context.getSessionCookieConfig().setName("RETAILFLOW_ADMIN");
		context.getSessionCookieConfig().setPath("/admin");
		var storefront = new DefaultCookieSerializer();
		storefront.setCookieName("RFSESSION");
		storefront.setCookiePath("/");
		storefront.setSameSite("Lax");
		var cookies = new SessionCookies(storefront, context,
				List.of(CookieSameSiteSupplier.ofStrict().whenHasName("RETAILFLOW_ADMIN")));

		assertThat(written(cookies, "/admin/routes")).startsWith("RETAILFLOW_ADMIN=").contains("Path=/admin")
			.contains("SameSite=Strict").contains("HttpOnly");
		assertThat(written(cookies, "/admin")).startsWith("RETAILFLOW_ADMIN=");
		assertThat(written(cookies, "/sign-in")).startsWith("RFSESSION=").contains("Path=/").contains("SameSite=Lax")
			.contains("HttpOnly");
		assertThat(written(cookies, "/administrator")).startsWith("RFSESSION=");
	}

	@Test
	void withoutAPathOfItsOwnEveryRequestGetsTheStorefrontCookie() {
		var storefront = new DefaultCookieSerializer();
		storefront.setCookieName("RFSESSION");
		var cookies = new SessionCookies(storefront, new MockServletContext(), List.of());

		assertThat(written(cookies, "/admin/routes")).startsWith("RFSESSION=");
	}

	private static String written(SessionCookies cookies, String path) {
		var request = new MockHttpServletRequest("GET", path);
		var response = new MockHttpServletResponse();
		cookies.writeCookieValue(new CookieValue(request, response, "session-id"));
		return response.getHeader("Set-Cookie");
	}
}
