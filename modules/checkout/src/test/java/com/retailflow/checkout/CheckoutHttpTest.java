package com.retailflow.checkout;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

import com.retailflow.CheckoutTestApplication;

/**
 * The checkout module on a real port with a fresh PostgreSQL database. Every test class uses exactly this, so they
 * share one cached context and database; each works with its own products and shoppers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(classes = CheckoutTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public @interface CheckoutHttpTest {
}
