/**
 * The identity module's implementation, by concern: {@code accounts} (the {@code Account} aggregate and its Spring
 * Data JPA repository {@code Accounts}: accounts have a lifecycle, so transitions live on the aggregate and register
 * events), {@code passwords} (Argon2id and the wrapped legacy md5 behind one {@code DelegatingPasswordEncoder}),
 * {@code signin} (Spring Security providers, the PostgreSQL throttle — plain SQL, one upsert is the whole algorithm —
 * and the session work of signing in and out) and {@code web} (pages, the auth API, the security chain).
 */
@NullMarked
package com.retailflow.identity.internal;

import org.jspecify.annotations.NullMarked;
