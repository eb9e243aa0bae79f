package com.retailflow.checkout.internal.cart;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.query.Param;

/** The carts, one per owner. */
interface Carts extends CrudRepository<Cart, UUID> {

	Optional<Cart> findByOwnerKey(String ownerKey);

	@Modifying
	@Query(value = "DELETE FROM checkout.carts WHERE expires_at <= :now", nativeQuery = true)
	int deleteExpired(@Param("now") Instant now);
}
