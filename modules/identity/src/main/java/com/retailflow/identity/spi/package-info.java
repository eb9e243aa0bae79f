/**
 * What identity needs from the legacy shop while both serve shoppers: the shopper's legacy session
 * ({@link com.retailflow.identity.spi.LegacySessionLink}) and legacy's {@code customers} row
 * ({@link com.retailflow.identity.spi.LegacyAccounts}). The legacy adapter implements both; depend on them as
 * {@code "identity :: spi"}. Without an implementation identity works on its own (no legacy shop to keep in step).
 */
@NullMarked
@NamedInterface("spi")
package com.retailflow.identity.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
