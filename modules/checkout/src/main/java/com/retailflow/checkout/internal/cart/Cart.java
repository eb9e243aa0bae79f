package com.retailflow.checkout.internal.cart;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import com.retailflow.checkout.CartManagement;
import com.retailflow.checkout.CartOwner;
import com.retailflow.checkout.InvalidQuantity;
import com.retailflow.checkout.ProductNotFound;

/**
 * A shopper's cart: lines of product id and quantity, in the order first added. The transitions refuse quantities a
 * line cannot hold; every change pushes the expiry time out by the cart's time to live.
 */
@Entity
@Table(name = "carts", schema = "checkout")
class Cart {

	@Id
	private UUID id;

	@Column(name = "owner_key", nullable = false, unique = true)
	private String ownerKey;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "cart_lines", schema = "checkout", joinColumns = @JoinColumn(name = "cart_id"))
	@OrderColumn(name = "position")
	private List<CartLine> lines = new ArrayList<>();

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Column(name = "expires_at", nullable = false)
	private Instant expiresAt;

	@Version
	private long version;

	protected Cart() {
		// for JPA
		this.id = UUID.randomUUID();
		this.ownerKey = "";
		this.updatedAt = Instant.EPOCH;
		this.expiresAt = Instant.EPOCH;
	}

	Cart(CartOwner owner, Instant now, Duration ttl) {
		this.id = UUID.randomUUID();
		this.ownerKey = owner.key();
		touch(now, ttl);
	}

	/** Adds units; a line already there grows, capped at the line limit (like the legacy shop's cart). */
	void add(long productId, int quantity, Instant now, Duration ttl) {
		requireQuantity(quantity, 1);
		line(productId).ifPresentOrElse(
				line -> line.quantity(Math.min(line.quantity() + quantity, CartManagement.MAX_LINE_QUANTITY)),
				() -> lines.add(new CartLine(productId, quantity)));
		touch(now, ttl);
	}

	/** Sets a line's quantity; 0 removes it. */
	void update(long productId, int quantity, Instant now, Duration ttl) {
		requireQuantity(quantity, 0);
		CartLine line = line(productId)
			.orElseThrow(() -> new ProductNotFound("Product " + productId + " is not in the cart."));
		if (quantity == 0) {
			lines.remove(line);
		}
		else {
			line.quantity(quantity);
		}
		touch(now, ttl);
	}

	/** @return whether a line was removed */
	boolean remove(long productId, Instant now, Duration ttl) {
		boolean removed = lines.removeIf(line -> line.productId() == productId);
		if (removed) {
			touch(now, ttl);
		}
		return removed;
	}

	/** Takes another cart's lines in (ADR 0046): quantities of a product in both are added, capped at the limit. */
	void absorb(Cart other, Instant now, Duration ttl) {
		for (CartLine line : other.lines) {
			add(line.productId(), line.quantity(), now, ttl);
		}
	}

	void clear(Instant now, Duration ttl) {
		lines.clear();
		touch(now, ttl);
	}

	boolean expiredAt(Instant now) {
		return !now.isBefore(expiresAt);
	}

	List<CartLine> lines() {
		return List.copyOf(lines);
	}

	Instant expiresAt() {
		return expiresAt;
	}

	private Optional<CartLine> line(long productId) {
		return lines.stream().filter(line -> line.productId() == productId).findFirst();
	}

	private void touch(Instant now, Duration ttl) {
		this.updatedAt = now;
		this.expiresAt = now.plus(ttl);
	}

	static void requireQuantity(int quantity, int min) {
		if (quantity < min || quantity > CartManagement.MAX_LINE_QUANTITY) {
			throw new InvalidQuantity("A quantity must be a whole number from %d to %d, not %d."
				.formatted(min, CartManagement.MAX_LINE_QUANTITY, quantity));
		}
	}
}
