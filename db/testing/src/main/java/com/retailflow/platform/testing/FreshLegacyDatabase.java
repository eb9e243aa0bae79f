package com.retailflow.platform.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the Spring test context a fresh MariaDB database as well, exposed as
 * {@code retailflow.legacy.datasource.url/username/password} and {@code retailflow.legacy.datasource.name}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface FreshLegacyDatabase {
}
