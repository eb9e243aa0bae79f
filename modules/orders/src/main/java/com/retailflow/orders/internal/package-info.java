/**
 * The order aggregate and its persistence. Spring Data JPA, restbucks style: an order's lifecycle is a set of
 * transition methods on {@link com.retailflow.orders.internal.Order} that refuse illegal moves and register the
 * module's events, published in the saving transaction into the event publication registry.
 */
@NullMarked
package com.retailflow.orders.internal;

import org.jspecify.annotations.NullMarked;
