package com.retailflow;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Boots the checkout module with what it uses (catalog, inventory, identity, orders), so its tests run over real HTTP
 * on a real PostgreSQL inside this Maven module. In {@code com.retailflow}, like {@code RetailFlowApplication}, so
 * Spring Modulith sees the same modules as in production. No scheduling: tests run the recovery job themselves.
 */
@SpringBootApplication
public class CheckoutTestApplication {
}
