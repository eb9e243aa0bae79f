package com.retailflow.legacy.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

import com.retailflow.proxy.UrlTranslator;

/**
 * Legacy's cart and checkout pages ↔ the checkout module's: {@code /cart.php} is {@code /cart} and
 * {@code /checkout.php} is {@code /checkout}. Neither legacy page reads a query parameter; the new cart's
 * {@code notice} (the message after a change) has no legacy counterpart, which shows its own flash message instead.
 */
@Component
class CartUrls implements UrlTranslator {

	@Override
	public Optional<String> toNew(String pathAndQuery) {
		UriComponents url = UriComponentsBuilder.fromUriString(pathAndQuery).build();
		if (!url.getQueryParams().isEmpty()) {
			return Optional.empty();
		}
		return switch (String.valueOf(url.getPath())) {
			case "/cart.php", "/cart.php/" -> Optional.of("/cart");
			case "/checkout.php", "/checkout.php/" -> Optional.of("/checkout");
			default -> Optional.empty();
		};
	}

	@Override
	public Optional<String> toLegacy(String pathAndQuery) {
		UriComponents url = UriComponentsBuilder.fromUriString(pathAndQuery).build();
		var query = url.getQueryParams();
		return switch (String.valueOf(url.getPath())) {
			case "/cart", "/cart/" -> List.of("notice").containsAll(query.keySet()) ? Optional.of("/cart.php")
					: Optional.empty();
			case "/checkout", "/checkout/" -> query.isEmpty() ? Optional.of("/checkout.php") : Optional.empty();
			default -> Optional.empty();
		};
	}
}
