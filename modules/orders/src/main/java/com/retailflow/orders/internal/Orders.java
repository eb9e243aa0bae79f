package com.retailflow.orders.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;

/** The orders, by id, by legacy order id, and as an account's history. */
interface Orders extends CrudRepository<Order, UUID> {

	Optional<Order> findByLegacyOrderId(long legacyOrderId);

	/**
	 * The orders an account placed here and, if it is a legacy customer, the ones legacy holds for it. A JPQL
	 * {@code =} with a null legacy id matches nothing (a derived query would turn it into {@code IS NULL}).
	 */
	@Query("""
			select o from Order o
			where o.accountId = :accountId or o.legacyCustomerId = :legacyCustomerId
			order by o.placedAt desc, o.id desc""")
	List<Order> historyOf(UUID accountId, @Nullable Long legacyCustomerId);

	@Query("""
			select o from Order o
			where o.legacyOrderId is not null
			  and (:from is null or o.legacyOrderId >= :from) and (:to is null or o.legacyOrderId < :to)
			order by o.legacyOrderId""")
	List<Order> withLegacyRows(@Nullable Long from, @Nullable Long to);
}
