package com.retailflow;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Boots the identity module with what it uses (the catalog's storefront layout, and the inventory the catalog
 * needs), so its tests run over real HTTP on a real PostgreSQL inside this Maven module. In {@code com.retailflow},
 * like {@code RetailFlowApplication}, so Spring Modulith sees the same modules as in production.
 */
@SpringBootApplication
public class IdentityTestApplication {
}
