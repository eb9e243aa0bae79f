package com.retailflow.identity;

/** A legacy customer became an account here. Not a registration: nothing needs writing back to legacy. */
public record AccountImported(AccountId account, long legacyId) {
}
