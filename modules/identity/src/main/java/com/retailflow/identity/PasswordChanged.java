package com.retailflow.identity;

/**
 * The shopper chose a new password on the new side. Carries no hash: the new side keeps no form legacy could check,
 * see docs/adr/0035-password-hashing.md.
 */
public record PasswordChanged(AccountId account) {
}
