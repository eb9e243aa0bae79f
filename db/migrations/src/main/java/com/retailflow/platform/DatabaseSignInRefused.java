package com.retailflow.platform;

import org.jspecify.annotations.Nullable;

/** PostgreSQL answered but refused the application's sign-in: waiting would not help. */
public class DatabaseSignInRefused extends RuntimeException {

	private final String where;
	private final @Nullable String user;
	private final String sqlState;

	DatabaseSignInRefused(String where, @Nullable String user, String sqlState, String reason) {
		super("PostgreSQL at " + where + " refused the sign-in of user " + user + ": " + reason);
		this.where = where;
		this.user = user;
		this.sqlState = sqlState;
	}

	public String where() {
		return where;
	}

	public @Nullable String user() {
		return user;
	}

	/** {@code 3D000}: the database does not exist; {@code 28…}: wrong password, unknown user or not allowed. */
	public String sqlState() {
		return sqlState;
	}
}
