@NullMarked
package com.retailflow.identity.internal.signin;

import org.jspecify.annotations.NullMarked;
