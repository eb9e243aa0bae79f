/**
 * The storefront's look for pages other modules render: the legacy shop's header, navigation and footer around a
 * body they bring. Depend on it as {@code "catalog :: storefront"}.
 */
@NullMarked
@NamedInterface("storefront")
package com.retailflow.catalog.storefront;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
