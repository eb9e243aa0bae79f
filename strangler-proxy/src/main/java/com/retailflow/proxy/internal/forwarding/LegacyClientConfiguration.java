package com.retailflow.proxy.internal.forwarding;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLException;

import com.retailflow.proxy.internal.ProxySettings;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outbound client to legacy. Blocking on purpose: each request runs on its own virtual thread, so blocking
 * I/O is cheap and the pool bounds connections to legacy, not threads. No redirects, no cookie store, no
 * decompression: the proxy passes everything through as is.
 */
@Configuration(proxyBeanMethods = false)
class LegacyClientConfiguration {

	@Bean(destroyMethod = "close")
	CloseableHttpClient legacyHttpClient(ProxySettings settings) {
		var connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(settings.maxConnections())
			.setMaxConnPerRoute(settings.maxConnections())
			.setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
			.setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(timeout(settings.connectTimeout()))
				.setSocketTimeout(timeout(settings.readTimeout()))
				.build())
			.build();
		return HttpClients.custom()
			.setConnectionManager(connections)
			.setDefaultRequestConfig(RequestConfig.custom()
				.setResponseTimeout(timeout(settings.readTimeout()))
				.setConnectionRequestTimeout(timeout(settings.connectTimeout()))
				.setExpectContinueEnabled(false)
				.build())
			.setRetryStrategy(new OnceOnStaleConnection())
			.disableRedirectHandling()
			.disableCookieManagement()
			.disableContentCompression()
			.disableAuthCaching()
			.build();
	}

	/**
	 * Like nginx's {@code proxy_next_upstream error}: an idempotent request sent on a reused (keep-alive)
	 * connection that legacy had meanwhile closed (no response at all) is sent once more on a fresh connection.
	 * A request that failed on a fresh connection is not retried (legacy really failed it). The library never
	 * retries a request whose body was streamed (not repeatable) nor a non-idempotent method, and this strategy
	 * never retries on a status code.
	 */
	static final class OnceOnStaleConnection extends DefaultHttpRequestRetryStrategy {

		OnceOnStaleConnection() {
			super(1, TimeValue.ZERO_MILLISECONDS, List.of(InterruptedIOException.class, UnknownHostException.class,
					ConnectException.class, NoRouteToHostException.class, SSLException.class), List.of());
		}

		@Override
		public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
			return super.retryRequest(request, exception, execCount, context) && context instanceof HttpCoreContext core
					&& core.getEndpointDetails() != null && core.getEndpointDetails().getRequestCount() > 1;
		}
	}

	static Timeout timeout(Duration duration) {
		return Timeout.ofMilliseconds(duration.toMillis());
	}
}
