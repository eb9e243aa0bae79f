package com.retailflow.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused database sign-in into one line (and what to do), instead of a stack trace. */
class DatabaseSignInRefusedAnalyzer extends AbstractFailureAnalyzer<DatabaseSignInRefused> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DatabaseSignInRefused cause) {
		String action = cause.sqlState().equals("3D000")
				? "Create the database, or point RETAILFLOW_DB_NAME at an existing one."
				: "Check RETAILFLOW_DB_USER and RETAILFLOW_DB_PASSWORD.";
		return new FailureAnalysis(cause.getMessage(), action, null);
	}
}
