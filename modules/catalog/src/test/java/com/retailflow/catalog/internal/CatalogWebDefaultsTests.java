package com.retailflow.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import com.retailflow.catalog.internal.web.CatalogWebAutoConfiguration;
import com.retailflow.catalog.spi.ShopperContext;
import com.retailflow.catalog.spi.ShopperState;

/** Without a {@link ShopperContext} from elsewhere the storefront shows an anonymous shopper; with one, that one. */
class CatalogWebDefaultsTests {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CatalogWebAutoConfiguration.class));

	@Test
	void fallsBackToAnAnonymousShopper() {
		runner.run(context -> assertThat(context.getBean(ShopperContext.class)
			.current(new MockHttpServletRequest(), new MockHttpServletResponse())).isEqualTo(ShopperState.anonymous()));
	}

	@Test
	void backsOffForTheLegacyAdaptersImplementation() {
		ShopperContext bridge = (request, response) -> new ShopperState("Bob", 2, "token", java.util.List.of());

		runner.withBean(ShopperContext.class, () -> bridge)
			.run(context -> assertThat(context).getBean(ShopperContext.class).isSameAs(bridge));
	}
}
