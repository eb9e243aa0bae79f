package com.retailflow.proxy.internal.routing;

import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;

import com.retailflow.proxy.internal.ProxySettings;
import com.retailflow.proxy.internal.fallback.FallbackMonitor;
import com.retailflow.proxy.internal.forwarding.LegacyForwarder;
import com.retailflow.proxy.internal.routes.RouteChanges;
import com.retailflow.proxy.internal.shadow.ShadowTraffic;
import com.retailflow.proxy.internal.visits.ShopperKeys;

import io.micrometer.core.instrument.MeterRegistry;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

/**
 * Wires the proxy into the application: the routing filter, the Gateway MVC route that answers the legacy
 * side, and the outbound HTTP client.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProxySettings.class)
class ProxyRouting {

	/**
	 * The legacy side as a Spring Cloud Gateway Server MVC route. Its predicate is the routing decision; when
	 * it does not match, the request falls through to the new modules' controllers.
	 */
	@Bean
	RouterFunction<ServerResponse> legacyRoute(LegacyForwarder forwarder) {
		return route("legacy")
			.route(request -> request.attribute(Decision.ATTRIBUTE)
				.map(decision -> ((Decision) decision).action() == Decision.Action.FORWARD_LEGACY)
				.orElse(false), request -> {
					var decision = (Decision) request.attribute(Decision.ATTRIBUTE).orElseThrow();
					return ServerResponse.ok().build((servletRequest, servletResponse) -> {
						forwarder.forward(servletRequest, servletResponse, decision.target());
						return null;
					});
				})
			.build();
	}

	/**
	 * Router functions are consulted after annotated controllers by default; the proxy's route must come
	 * first, or {@code /products/42} would reach the catalog controller while its route is still LEGACY.
	 */
	@Bean
	static BeanPostProcessor routerFunctionsFirst() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof RouterFunctionMapping mapping) {
					mapping.setOrder(-1);
				}
				return bean;
			}
		};
	}

	@Bean
	FilterRegistrationBean<RoutingFilter> routingFilter(Routing routing, ShopperKeys shoppers, LegacyForwarder legacy,
			FallbackMonitor fallback, RouteChanges changes, ProxySettings settings, MeterRegistry meters,
			ShadowTraffic shadows) {
		var registration = new FilterRegistrationBean<>(
				new RoutingFilter(routing, shoppers, legacy, fallback, changes, settings, meters, shadows));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
		registration.addUrlPatterns("/*");
		return registration;
	}

	/**
	 * Blocking client on purpose: each request runs on its own virtual thread, so blocking I/O is cheap and
	 * the pool bounds connections to legacy, not threads. No retries (an unsafe request must never be sent
	 * twice), no redirects, no cookie store, no decompression: the proxy passes everything through as is.
	 */
	@Bean(destroyMethod = "close")
	CloseableHttpClient legacyHttpClient(ProxySettings settings) {
		var connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(settings.maxConnections())
			.setMaxConnPerRoute(settings.maxConnections())
			.setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
			.setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(LegacyForwarder.timeout(settings.connectTimeout()))
				.setSocketTimeout(LegacyForwarder.timeout(settings.readTimeout()))
				.build())
			.build();
		return HttpClients.custom()
			.setConnectionManager(connections)
			.setDefaultRequestConfig(RequestConfig.custom()
				.setResponseTimeout(LegacyForwarder.timeout(settings.readTimeout()))
				.setConnectionRequestTimeout(LegacyForwarder.timeout(settings.connectTimeout()))
				.build())
			.disableRedirectHandling()
			.disableCookieManagement()
			.disableAutomaticRetries()
			.disableContentCompression()
			.disableAuthCaching()
			.build();
	}
}
