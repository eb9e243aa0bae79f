package com.retailflow;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Boots the orders module with what it uses (identity, and the catalog and inventory behind identity's pages), so
 * its tests run over real HTTP on a real PostgreSQL inside this Maven module. In {@code com.retailflow}, like
 * {@code RetailFlowApplication}, so Spring Modulith sees the same modules as in production.
 */
@SpringBootApplication
public class OrdersTestApplication {
}
