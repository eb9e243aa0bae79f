package com.retailflow.proxy;

/** How a route's traffic is split between legacy and the new modules (see docs/contracts.md, "Routes and modes"). */
public enum Mode {

	/** Everything goes to legacy. */
	LEGACY,
	/** Shoppers get legacy's answer; safe requests are also sent to the new side and compared. */
	SHADOW,
	/** A sticky share of shoppers goes to the new side. */
	CANARY,
	/** Everything goes to the new side. */
	NEW
}
