@NullMarked
package com.retailflow.identity.internal.accounts;

import org.jspecify.annotations.NullMarked;
