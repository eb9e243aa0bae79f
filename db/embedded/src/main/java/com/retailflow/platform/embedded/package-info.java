/** A PostgreSQL server from a Maven artifact, for {@code ./run.sh} on a machine that has none. */
@NullMarked
package com.retailflow.platform.embedded;

import org.jspecify.annotations.NullMarked;
