package com.retailflow.catalog;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

/**
 * The catalog module with its direct dependency (inventory, real), the platform module (the per-schema Flyway
 * migrations), a fresh PostgreSQL database, and MockMvc. Every
 * integration test uses exactly this, so they all share one cached application context (and database); each test
 * class works on its own range of ids.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "platform")
@AutoConfigureMockMvc
public @interface CatalogModuleTest {
}
