package com.retailflow.legacy.internal.writeback;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Category;
import com.retailflow.catalog.Product;
import com.retailflow.catalog.ProductId;
import com.retailflow.catalog.ProductStatus;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.inventory.Sku;
import com.retailflow.legacy.internal.LegacyDatabase;
import com.retailflow.legacy.internal.sync.PendingLegacyChanges;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Writes the new side's state of a product, the categories or a SKU's stock into the legacy tables, once the new module is the
 * system of record, so the legacy pages and reports that remain stay right.
 *
 * <p>State, not deltas: each write-back copies what the module holds NOW, so repeating one changes nothing and a
 * late one cannot undo a newer change. Order: the legacy row is locked first ({@code SELECT … FOR UPDATE}) and the
 * module's state is read only after that, so of two write-backs of one row the one that writes last also read last,
 * i.e. read the newer state. An older version therefore never overwrites a newer one, whatever order the events are
 * delivered in.
 *
 * <p>Conflicts, while both sides are written: a row that legacy changed since the stream last applied it is not
 * written back; the stream brings legacy's version over, and the event of that apply writes the (now equal) row
 * back. Both sides thus end equal; of two concurrent writes to one row, legacy's wins.
 *
 * <p>Echo: the session variable {@code @retailflow_writeback = 1} makes the capture triggers skip these writes; it is
 * reset before the connection goes back to the pool (a connection where that fails is thrown away, never reused with
 * capture switched off).
 */
@Component
public class LegacyWriteBack {

	private static final Logger log = LoggerFactory.getLogger(LegacyWriteBack.class);

	private final LegacyDatabase legacy;
	private final CatalogManagement catalog;
	private final InventoryManagement inventory;
	private final SystemOfRecord owners;
	private final PendingLegacyChanges pending;

	LegacyWriteBack(LegacyDatabase legacy, CatalogManagement catalog, InventoryManagement inventory,
			SystemOfRecord owners, PendingLegacyChanges pending) {
		this.pending = pending;
		this.legacy = legacy;
		this.catalog = catalog;
		this.inventory = inventory;
		this.owners = owners;
	}

	/** Copies the catalog's product into legacy {@code products} (deletes it there if the catalog has none). */
	public void product(ProductId id) {
		if (!owners.newSideOwns("catalog")) {
			return;
		}
		inWriteBackTransaction(jdbc -> {
			jdbc.sql("SELECT id FROM products WHERE id = ? FOR UPDATE").param(id.value()).query(Long.class).optional();
			if (pending.pendingFor(jdbc, "products", String.valueOf(id.value()))) {
				return; // legacy changed the row since: the stream brings that over, and its event writes back then
			}
			Optional<Product> stored = catalog.storedProduct(id);
			if (stored.isEmpty()) {
				jdbc.sql("DELETE FROM products WHERE id = ?").param(id.value()).update();
				return;
			}
			Product product = stored.get();
			jdbc.sql("""
					INSERT INTO products (id, sku, category_id, name, description, price, status, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())
					ON DUPLICATE KEY UPDATE sku = VALUES(sku), category_id = VALUES(category_id), name = VALUES(name),
					  description = VALUES(description), price = VALUES(price), status = VALUES(status),
					  updated_at = VALUES(updated_at)""")
				.params(product.id().value(), product.sku().code(), product.categoryId(), product.name(),
						product.description(), product.price().amount().floatValue(), statusCode(product.status()),
						LocalDateTime.ofInstant(product.createdAt(), ZoneOffset.UTC))
				.update();
		});
	}

	/**
	 * Copies the catalog's categories into legacy {@code categories}. The new side changes categories in bulk only
	 * ({@link CatalogManagement#importCategories}, whose event does not say which), and legacy has a few dozen of
	 * them, so all are copied; rows equal on both sides are left as they are.
	 */
	public void categories() {
		if (!owners.newSideOwns("catalog")) {
			return;
		}
		inWriteBackTransaction(jdbc -> {
			jdbc.sql("SELECT id FROM categories FOR UPDATE").query(Long.class).list();
			for (Category category : catalog.categories()) {
				if (pending.pendingFor(jdbc, "categories", String.valueOf(category.id()))) {
					continue; // legacy changed it since: the stream brings that over first
				}
				jdbc.sql("""
						INSERT INTO categories (id, parent_id, name, slug) VALUES (?, ?, ?, ?)
						ON DUPLICATE KEY UPDATE parent_id = VALUES(parent_id), name = VALUES(name), slug = VALUES(slug)""")
					.params(category.id(), category.parentId(), category.name(), category.slug())
					.update();
			}
		});
	}

	/** Deletes a category from legacy {@code categories} that the catalog no longer has. */
	public void categoryRemoved(long id) {
		if (!owners.newSideOwns("catalog")) {
			return;
		}
		inWriteBackTransaction(jdbc -> {
			jdbc.sql("SELECT id FROM categories WHERE id = ? FOR UPDATE").param(id).query(Long.class).optional();
			if (pending.pendingFor(jdbc, "categories", String.valueOf(id)) || catalog.categoryById(id).isPresent()) {
				return;
			}
			jdbc.sql("DELETE FROM categories WHERE id = ?").param(id).update();
		});
	}

	/** Copies a SKU's availability into legacy {@code stock.qty} (legacy sells what it shows there). */
	public void stock(Sku sku) {
		if (!owners.newSideOwns("inventory")) {
			return;
		}
		inWriteBackTransaction(jdbc -> {
			var productId = jdbc.sql("SELECT id FROM products WHERE sku = ?").param(sku.code()).query(Long.class).optional();
			if (productId.isEmpty()) {
				return; // legacy does not sell this SKU
			}
			jdbc.sql("SELECT qty FROM stock WHERE product_id = ? FOR UPDATE").param(productId.get()).query(Integer.class).optional();
			if (pending.pendingFor(jdbc, "stock", String.valueOf(productId.get()))) {
				return;
			}
			int available = inventory.availabilityOf(sku).available();
			jdbc.sql("INSERT INTO stock (product_id, qty) VALUES (?, ?) ON DUPLICATE KEY UPDATE qty = VALUES(qty)")
				.params(productId.get(), available)
				.update();
		});
	}

	/** The legacy shop's status codes (products.status). */
	static int statusCode(ProductStatus status) {
		return switch (status) {
			case ACTIVE -> 1;
			case HIDDEN -> 2;
			case DISCONTINUED -> 3;
		};
	}

	/** Runs work on one legacy connection in a transaction with capture switched off for it (no echo). */
	void inWriteBackTransaction(Consumer<JdbcClient> work) {
		inWriteBackTransactionReturning(jdbc -> {
			work.accept(jdbc);
			return null;
		});
	}

	/** {@link #inWriteBackTransaction(Consumer)}, returning what the work returns. */
	<T> T inWriteBackTransactionReturning(Function<JdbcClient, T> work) {
		try (Connection connection = legacy.dataSource().getConnection()) {
			var jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
			boolean reset = false;
			try {
				// Fresh reads after the row lock: the pending-change check must see what committed before it.
				connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
				connection.setAutoCommit(false);
				jdbc.sql("SET @retailflow_writeback = 1").update();
				T result = work.apply(jdbc);
				connection.commit();
				return result;
			}
			catch (RuntimeException | SQLException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				try {
					jdbc.sql("SET @retailflow_writeback = NULL").update();
					connection.setAutoCommit(true);
					reset = true;
				}
				catch (RuntimeException | SQLException ex) {
					log.warn("Could not reset the write-back marker; discarding the connection: {}", ex.getMessage());
				}
				if (!reset) {
					connection.abort(Runnable::run);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Write-back to legacy failed", ex);
		}
	}
}
