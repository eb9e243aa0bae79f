package com.retailflow.proxy.internal.routing;

import java.util.List;
import java.util.Optional;

import com.retailflow.proxy.UrlTranslator;

import org.springframework.stereotype.Component;

/** Every {@link UrlTranslator} bean asked in turn; the first that knows the URL answers. */
@Component
public class UrlTranslation {

	private final List<UrlTranslator> translators;

	UrlTranslation(List<UrlTranslator> translators) {
		this.translators = translators;
	}

	public Optional<String> toNew(String pathAndQuery) {
		return translators.stream().map(t -> t.toNew(pathAndQuery)).flatMap(Optional::stream).findFirst();
	}

	public Optional<String> toLegacy(String pathAndQuery) {
		return translators.stream().map(t -> t.toLegacy(pathAndQuery)).flatMap(Optional::stream).findFirst();
	}
}
