/**
 * What the catalog's storefront pages need from outside the module until identity and checkout are rebuilt: the
 * shopper's header state (cart count, signed-in name, CSRF token, flash messages), which still lives in the legacy
 * PHP session. The legacy adapter implements {@link com.retailflow.catalog.spi.ShopperContext}; depend on it as
 * {@code "catalog :: spi"}.
 */
@NullMarked
@NamedInterface("spi")
package com.retailflow.catalog.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
