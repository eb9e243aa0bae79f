package com.retailflow.proxy;

import com.retailflow.platform.testing.LegacyShop;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.json.JsonMapper;

/** The proxy test application on a random port, in front of the real legacy shop (40 products). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ProxyAgainstLegacyShop {

	static final LegacyShop LEGACY = LegacyShop.withProducts(40);
	static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void legacy(DynamicPropertyRegistry registry) {
		registry.add("retailflow.proxy.legacy-url", LEGACY::url);
	}

	@LocalServerPort
	int port;

	String proxy() {
		return "http://127.0.0.1:" + port;
	}
}
