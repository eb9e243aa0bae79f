package com.retailflow.proxy.internal.errors;

import java.io.IOException;

import org.apache.catalina.Host;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Errors Tomcat answers itself, before any filter or the application's error page runs (a request target with
 * bad percent-encoding, invalid UTF-8, an encoded slash or dot-segments above the root): they get the same
 * error contract as every other error instead of Tomcat's own report page.
 */
@Component
class TomcatErrorReports implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addContextCustomizers(context -> {
			Host host = (Host) context.getParent();
			if (host instanceof StandardHost standard) {
				standard.setErrorReportValveClass(ContractErrorReportValve.class.getName());
			}
		});
	}

	/**
	 * Runs inside Tomcat's own report valve (it is added last to the host's pipeline, so it reports first and
	 * the default one then finds the error already reported).
	 */
	public static class ContractErrorReportValve extends ErrorReportValve {

		private static final Logger log = LoggerFactory.getLogger(ContractErrorReportValve.class);

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			int status = response.getStatus();
			if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
				return;
			}
			try {
				response.setSuspended(false);
				ProxyErrors.writeStatus(request, response, status);
				response.finishResponse();
			}
			catch (IOException | RuntimeException ex) {
				log.debug("Could not write the error answer for {}", request.getRequestURI(), ex);
			}
		}
	}
}
