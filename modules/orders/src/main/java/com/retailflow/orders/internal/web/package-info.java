/**
 * The orders module's web side: the shopper's order history pages and API, and the admin API that moves orders on.
 */
@NullMarked
package com.retailflow.orders.internal.web;

import org.jspecify.annotations.NullMarked;
