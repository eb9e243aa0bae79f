package com.retailflow.proxy;

import java.util.Optional;

/**
 * Maps URLs between the legacy scheme ({@code /product.php?id=42}) and the new one ({@code /products/42}) so
 * that every link works in every mode. Implemented by whoever knows both schemes (the legacy adapter); the
 * proxy asks every translator bean in turn.
 */
public interface UrlTranslator {

	/** The new URL (path and query) for a legacy URL, if this translator knows one. */
	Optional<String> toNew(String pathAndQuery);

	/** The legacy URL (path and query) for a new URL, if this translator knows one. */
	Optional<String> toLegacy(String pathAndQuery);
}
