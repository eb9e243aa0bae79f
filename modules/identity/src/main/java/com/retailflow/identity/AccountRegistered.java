package com.retailflow.identity;

/** A shopper registered on the new side (not an import from legacy). */
public record AccountRegistered(AccountId account, Email email, String name) {
}
