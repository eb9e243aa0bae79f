package com.retailflow.catalog;

/**
 * What a bulk import did.
 *
 * @param received rows handed in (duplicates of an id within one call count once, the last one wins)
 * @param written rows inserted or changed; rows identical to what the catalog already had are not rewritten, so a
 *        repeated import writes 0
 */
public record ImportResult(int received, int written) {
}
