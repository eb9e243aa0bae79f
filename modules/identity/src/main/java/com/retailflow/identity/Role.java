package com.retailflow.identity;

/** What an account may do: shop, or run the migration (admin API and console). */
public enum Role {
	SHOPPER, ADMIN
}
