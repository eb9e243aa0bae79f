package com.retailflow.proxy.internal;

import com.retailflow.proxy.internal.fallback.FallbackMonitor;
import com.retailflow.proxy.internal.fallback.ReplayingNewSide;
import com.retailflow.proxy.internal.forwarding.LegacyForwarder;
import com.retailflow.proxy.internal.routes.RouteChanges;
import com.retailflow.proxy.internal.routing.NewModules;
import com.retailflow.proxy.internal.routing.ProxyFilter;
import com.retailflow.proxy.internal.routing.SideSelector;
import com.retailflow.proxy.internal.routing.StorefrontUnobserved;
import com.retailflow.proxy.internal.routing.UrlTranslation;
import com.retailflow.proxy.internal.shadow.ShadowTraffic;
import com.retailflow.proxy.internal.shadow.ShadowingLegacySide;
import com.retailflow.proxy.internal.traffic.RequestMeters;
import com.retailflow.proxy.internal.visits.Visits;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts a request's path together (see docs/proxy.md): {@link ProxyFilter} decides the side; the legacy side is
 * the {@link LegacyForwarder} decorated by shadowing; the new side is the new modules wrapped by replay and
 * fallback.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProxySettings.class)
class ProxyConfiguration {

	@Bean
	FilterRegistrationBean<ProxyFilter> proxyFilter(SideSelector selector, Visits visits, LegacyForwarder forwarder,
			ShadowTraffic shadows, FallbackMonitor fallback, RouteChanges changes, UrlTranslation urls,
			RequestMeters meters, ProxySettings settings) {
		var legacySide = new ShadowingLegacySide(forwarder, shadows, settings.shadow().maxBodySize().toBytes());
		var newSide = new ReplayingNewSide(new NewModules(), forwarder, fallback, changes, urls, settings);
		var registration = new FilterRegistrationBean<>(
				new ProxyFilter(selector, visits, legacySide, newSide, shadows, meters, settings));
		// Before Spring Session's filter (HIGHEST_PRECEDENCE + 50), which wraps every request and every write of the
		// response: a request forwarded to legacy never touches the new application's session. After the
		// read-your-writes filter (+ 20), so a shopper's write forwarded to legacy still marks them, and after the
		// observation filter (+ 1), which leaves storefront paths unobserved (StorefrontUnobserved).
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
		registration.addUrlPatterns("/*");
		// Only the shopper's own request: error, forward and include dispatches are the application's.
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	@Bean
	StorefrontUnobserved storefrontUnobserved() {
		return new StorefrontUnobserved();
	}
}
