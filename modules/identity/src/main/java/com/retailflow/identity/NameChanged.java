package com.retailflow.identity;

/** The shopper changed their name on the new side. */
public record NameChanged(AccountId account, String name) {
}
