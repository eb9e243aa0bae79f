package com.retailflow.checkout.internal.cart;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.ProductId;
import com.retailflow.catalog.ProductStatus;
import com.retailflow.catalog.ProductView;
import com.retailflow.checkout.CartLineView;
import com.retailflow.checkout.CartManagement;
import com.retailflow.checkout.CartOwner;
import com.retailflow.checkout.CartView;
import com.retailflow.checkout.ProductNotFound;
import com.retailflow.checkout.ProductUnavailable;
import com.retailflow.checkout.spi.LegacyCartLine;
import com.retailflow.checkout.spi.LegacyCarts;
import com.retailflow.identity.AccountId;
import com.retailflow.kernel.Money;

/**
 * Carts on PostgreSQL, priced from the catalog on every read. Two requests changing one cart at once (two tabs, a
 * double click) are serialised by the cart's version: the loser re-reads and applies its change again.
 *
 * <p>The cart of a legacy PHP session is kept where the legacy shop keeps it, through {@link LegacyCarts}, whenever
 * the legacy adapter provides that bridge (ADR 0057): both sides of the checkout route then read and change the same
 * rows, so a flip or a canary moves nothing. The same rules apply; the cart's rows are the legacy shop's.
 */
@Service
public class CartService implements CartManagement {

	private static final int ATTEMPTS = 5;

	private final Carts carts;
	private final CatalogManagement catalog;
	private final CartSettings settings;
	private final TransactionTemplate transactions;
	private final Clock clock;
	private final Currency currency;
	private final @Nullable LegacyCarts legacy;

	CartService(Carts carts, CatalogManagement catalog, CartSettings settings, TransactionTemplate transactions,
			ObjectProvider<Clock> clock, Environment environment, ObjectProvider<LegacyCarts> legacy) {
		this.carts = carts;
		this.legacy = legacy.getIfUnique();
		this.catalog = catalog;
		this.settings = settings;
		this.transactions = transactions;
		this.clock = clock.getIfUnique(Clock::systemUTC);
		this.currency = Currency.getInstance(environment.getProperty("retailflow.catalog.currency", "USD"));
	}

	@Override
	public CartView cartOf(CartOwner owner) {
		var session = legacySession(owner);
		if (session.isPresent()) {
			return priceLegacy(session.get());
		}
		return price(current(owner));
	}

	@Override
	public boolean keptByLegacy(CartOwner owner) {
		return legacySession(owner).isPresent();
	}

	@Override
	public CartView add(CartOwner owner, ProductId product, int quantity) {
		var view = catalog.product(product)
			.filter(found -> found.product().status().visibleToShoppers())
			.orElseThrow(() -> new ProductNotFound("We could not find product " + product + "."));
		if (!view.buyable()) {
			throw new ProductUnavailable("Sorry, " + view.product().name() + " is not available right now.");
		}
		var session = legacySession(owner);
		if (session.isPresent()) {
			Cart.requireQuantity(quantity, 1);
			legacy().add(session.get(), product.value(), quantity, MAX_LINE_QUANTITY);
			return priceLegacy(session.get());
		}
		return change(owner, cart -> {
			cart.add(product.value(), quantity, clock.instant(), settings.ttl());
			return true;
		});
	}

	@Override
	public CartView update(CartOwner owner, ProductId product, int quantity) {
		if (keptByLegacy(owner)) {
			return updateAll(owner, Map.of(product, quantity));
		}
		return change(owner, cart -> {
			cart.update(product.value(), quantity, clock.instant(), settings.ttl());
			return true;
		});
	}

	@Override
	public CartView updateAll(CartOwner owner, Map<ProductId, Integer> quantities) {
		var session = legacySession(owner);
		if (session.isPresent()) {
			// all refused or all applied, as on the new side's own carts: check every line before writing any
			var inCart = legacy().lines(session.get()).stream().map(LegacyCartLine::productId).toList();
			var changes = new LinkedHashMap<Long, Integer>();
			quantities.forEach((product, quantity) -> {
				Cart.requireQuantity(quantity, 0);
				if (!inCart.contains(product.value())) {
					throw new ProductNotFound("Product " + product.value() + " is not in the cart.");
				}
				changes.put(product.value(), quantity);
			});
			if (!changes.isEmpty()) {
				legacy().set(session.get(), changes);
			}
			return priceLegacy(session.get());
		}
		return change(owner, cart -> {
			quantities.forEach((product, quantity) -> cart.update(product.value(), quantity, clock.instant(),
					settings.ttl()));
			return !quantities.isEmpty();
		});
	}

	@Override
	public CartView remove(CartOwner owner, ProductId product) {
		var session = legacySession(owner);
		if (session.isPresent()) {
			legacy().remove(session.get(), product.value());
			return priceLegacy(session.get());
		}
		return change(owner, cart -> cart.remove(product.value(), clock.instant(), settings.ttl()));
	}

	@Override
	public CartView merge(CartOwner anonymous, AccountId account) {
		CartOwner signedIn = CartOwner.account(account);
		return retrying(() -> transactions.execute(status -> {
			var guest = carts.findByOwnerKey(anonymous.key());
			if (guest.isPresent()) {
				if (!guest.get().expiredAt(clock.instant())) {
					Cart target = load(signedIn);
					target.absorb(guest.get(), clock.instant(), settings.ttl());
					carts.save(target);
				}
				carts.delete(guest.get());
			}
			return current(signedIn);
		}), this::price);
	}

	@Override
	public CartView mergeIntoSession(AccountId account, CartOwner session) {
		String sessionId = legacySession(session)
			.orElseThrow(() -> new IllegalArgumentException("Not a cart the legacy shop keeps: " + session.key()));
		// taken out of this side first, so of two requests at once only one hands the lines over; should the legacy
		// write then fail, the account's saved lines are lost rather than counted twice
		List<CartLine> handedOver = new ArrayList<>();
		retrying(() -> transactions.execute(status -> {
			handedOver.clear();
			carts.findByOwnerKey(CartOwner.account(account).key()).ifPresent(saved -> {
				if (!saved.expiredAt(clock.instant())) {
					handedOver.addAll(saved.lines());
				}
				carts.delete(saved);
			});
			return Optional.<Cart>empty();
		}), ignored -> null);
		// the rule of ADR 0046, into the session's cart: quantities added, capped at the line limit
		handedOver.forEach(line -> legacy().add(sessionId, line.productId(), line.quantity(), MAX_LINE_QUANTITY));
		return priceLegacy(sessionId);
	}

	/** Empties the owner's cart once its lines became an order. */
	public void clear(CartOwner owner) {
		var session = legacySession(owner);
		if (session.isPresent()) {
			legacy().clear(session.get());
			return;
		}
		retrying(() -> transactions.execute(status -> {
			carts.findByOwnerKey(owner.key()).ifPresent(cart -> {
				cart.clear(clock.instant(), settings.ttl());
				carts.save(cart);
			});
			return Optional.<Cart>empty();
		}), ignored -> null);
	}

	/** Deletes carts nobody changed within their time to live. */
	public int deleteExpired() {
		Integer deleted = transactions.execute(status -> carts.deleteExpired(clock.instant()));
		return deleted == null ? 0 : deleted;
	}

	private CartView change(CartOwner owner, Function<Cart, Boolean> change) {
		return retrying(() -> transactions.execute(status -> {
			Cart cart = load(owner);
			if (change.apply(cart)) {
				carts.save(cart);
			}
			return Optional.of(cart);
		}), this::price);
	}

	/** The owner's cart, a new one when there is none or it expired. */
	private Cart load(CartOwner owner) {
		var existing = carts.findByOwnerKey(owner.key());
		if (existing.isPresent() && existing.get().expiredAt(clock.instant())) {
			// an expired cart is an empty one: start over in the same row
			existing.get().clear(clock.instant(), settings.ttl());
		}
		return existing.orElseGet(() -> new Cart(owner, clock.instant(), settings.ttl()));
	}

	private Optional<Cart> current(CartOwner owner) {
		return carts.findByOwnerKey(owner.key()).filter(cart -> !cart.expiredAt(clock.instant()));
	}

	private <T> T retrying(Supplier<Optional<Cart>> work, Function<Optional<Cart>, T> then) {
		for (int attempt = 1;; attempt++) {
			try {
				return then.apply(work.get());
			}
			catch (ObjectOptimisticLockingFailureException | DataIntegrityViolationException ex) {
				// another request changed (or created) this cart first: read it again and redo the change
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private Optional<String> legacySession(CartOwner owner) {
		return legacy == null ? Optional.empty() : owner.legacySessionId();
	}

	private LegacyCarts legacy() {
		return Objects.requireNonNull(legacy, "no legacy cart bridge");
	}

	/** A legacy session's cart: it expires with the session, as on the legacy shop, so it has no expiry time here. */
	private CartView priceLegacy(String sessionId) {
		var lines = legacy().lines(sessionId).stream().map(line -> new CartLine(line.productId(), line.quantity())).toList();
		return lines.isEmpty() ? price(Optional.empty()) : price(lines, null);
	}

	private CartView price(Optional<Cart> cart) {
		if (cart.isEmpty()) {
			return new CartView(List.of(), 0, new Money(BigDecimal.ZERO, currency), null);
		}
		return price(cart.get().lines(), cart.get().expiresAt());
	}

	private CartView price(List<CartLine> cartLines, @Nullable Instant expiresAt) {
		List<CartLineView> lines = new ArrayList<>();
		BigDecimal total = BigDecimal.ZERO;
		int items = 0;
		for (CartLine line : cartLines) {
			ProductId id = ProductId.of(line.productId());
			CartLineView priced = catalog.product(id)
				.filter(view -> view.product().status().visibleToShoppers())
				.map(view -> line(view, line.quantity()))
				.orElseGet(() -> new CartLineView(id, id.legacySku(), "No longer available",
						new Money(BigDecimal.ZERO, currency), line.quantity(), new Money(BigDecimal.ZERO, currency), 0,
						false));
			lines.add(priced);
			total = total.add(priced.total().amount());
			items += line.quantity();
		}
		return new CartView(lines, items, new Money(total, currency), expiresAt);
	}

	private static CartLineView line(ProductView view, int quantity) {
		Money price = view.price();
		Money total = new Money(price.amount().multiply(BigDecimal.valueOf(quantity)), price.currency());
		return new CartLineView(view.id(), view.product().sku(), view.product().name(), price, quantity, total,
				Math.max(view.availability().available(), 0), view.product().status() == ProductStatus.ACTIVE);
	}
}
