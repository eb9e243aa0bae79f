/**
 * What checkout needs from outside the module while the legacy shop still serves carts: the cart of a legacy PHP
 * session, which lives in the legacy shop's database. The legacy adapter implements
 * {@link com.retailflow.checkout.spi.LegacyCarts}; depend on it as {@code "checkout :: spi"}.
 */
@NullMarked
@NamedInterface("spi")
package com.retailflow.checkout.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
