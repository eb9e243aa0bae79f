package com.retailflow.identity;

/** The shopper changed their e-mail address on the new side. */
public record EmailChanged(AccountId account, Email email) {
}
