package com.retailflow.legacy.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

import com.retailflow.orders.OrderId;
import com.retailflow.orders.OrderManagement;
import com.retailflow.proxy.UrlTranslator;

/**
 * Legacy's order pages ↔ the orders module's: {@code /account.php} is {@code /account/orders}, and
 * {@code /order.php?id=N} is {@code /account/orders/N} (the new page knows legacy's numbers). An order placed on the
 * new side is on legacy's page under the number its write-back got, once it has one.
 */
@Component
class OrderUrls implements UrlTranslator {

	private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,17}");
	private static final Pattern NEW_ORDER = Pattern.compile("/account/orders/([^/]+)/?");

	private final OrderManagement orders;

	OrderUrls(OrderManagement orders) {
		this.orders = orders;
	}

	@Override
	public Optional<String> toNew(String pathAndQuery) {
		UriComponents url = UriComponentsBuilder.fromUriString(pathAndQuery).build();
		MultiValueMap<String, String> query = url.getQueryParams();
		return switch (String.valueOf(url.getPath())) {
			case "/account.php", "/account.php/" -> query.isEmpty() ? Optional.of("/account/orders") : Optional.empty();
			case "/order.php", "/order.php/" -> onlyId(query).map(id -> "/account/orders/" + id);
			default -> Optional.empty();
		};
	}

	@Override
	public Optional<String> toLegacy(String pathAndQuery) {
		UriComponents url = UriComponentsBuilder.fromUriString(pathAndQuery).build();
		String path = String.valueOf(url.getPath());
		if (!url.getQueryParams().isEmpty()) {
			return Optional.empty();
		}
		if (path.equals("/account/orders") || path.equals("/account/orders/")) {
			return Optional.of("/account.php");
		}
		var order = NEW_ORDER.matcher(path);
		if (!order.matches()) {
			return Optional.empty();
		}
		String id = order.group(1);
		if (NUMBER.matcher(id).matches()) {
			return Optional.of("/order.php?id=" + id);
		}
		return uuid(id).flatMap(orders::find)
			.flatMap(found -> Optional.ofNullable(found.legacyOrderId()))
			.map(legacyId -> "/order.php?id=" + legacyId);
	}

	private static Optional<String> onlyId(MultiValueMap<String, String> query) {
		if (!List.of("id").containsAll(query.keySet())) {
			return Optional.empty();
		}
		var values = query.get("id");
		if (values == null || values.size() != 1 || values.get(0) == null || !NUMBER.matcher(values.get(0)).matches()) {
			return Optional.empty();
		}
		return Optional.of(values.get(0));
	}

	private static Optional<OrderId> uuid(String text) {
		if (text.length() != 36) {
			return Optional.empty();
		}
		try {
			return Optional.of(new OrderId(UUID.fromString(text)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}
}
