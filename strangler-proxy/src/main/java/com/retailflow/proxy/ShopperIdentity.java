package com.retailflow.proxy;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who the signed-in shopper is, if anyone: the canary key for signed-in shoppers is their customer id.
 * Implemented by the session bridge (the legacy adapter) while legacy owns sign-in.
 */
public interface ShopperIdentity {

	Optional<String> customerId(HttpServletRequest request);
}
