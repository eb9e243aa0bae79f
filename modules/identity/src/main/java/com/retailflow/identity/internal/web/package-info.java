@NullMarked
package com.retailflow.identity.internal.web;

import org.jspecify.annotations.NullMarked;
