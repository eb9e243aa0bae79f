package com.retailflow.identity;

/** What importing a legacy customer did; importing the same row again is {@link #UNCHANGED}. */
public enum LegacyImport {
	/** A new account. */
	CREATED,
	/** The account existed; its e-mail, name or legacy password changed. */
	UPDATED,
	/** An account registered on the new side got its legacy id (the write-back came round). */
	LINKED,
	/** Nothing to do. */
	UNCHANGED
}
