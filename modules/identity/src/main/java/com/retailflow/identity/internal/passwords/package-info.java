@NullMarked
package com.retailflow.identity.internal.passwords;

import org.jspecify.annotations.NullMarked;
