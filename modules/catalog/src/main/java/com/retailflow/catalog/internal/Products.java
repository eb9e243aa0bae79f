package com.retailflow.catalog.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import com.retailflow.kernel.Money;
import com.retailflow.catalog.Product;
import com.retailflow.catalog.ProductId;
import com.retailflow.catalog.ProductQuery;
import com.retailflow.catalog.ProductStatus;
import com.retailflow.inventory.RangeChecksum;
import com.retailflow.inventory.Sku;

/**
 * The {@code catalog.product} table, in plain JDBC rather than JPA: reads are query-shaped (full-text ranking, dynamic
 * filters) and writes are set-based bulk upserts; an entity model would add a second way to write the same rows and
 * nothing else.
 *
 * <p>The storefront's reads run in read-only transactions: with a read replica configured they are served by it
 * (only on cache misses; inside a writing transaction they join it, on the primary).
 */
@Repository
class Products {

	private static final String COLUMNS = "p.id, p.sku, p.category_id, p.name, p.description, p.price, p.currency, "
			+ "p.status, p.created_at";

	/*
	 * One statement upserts a whole chunk: the rows travel as one array per column and unnest() turns them back into
	 * rows. Compared with a JDBC batch of single-row INSERTs this is one round trip, one parse and one plan per chunk
	 * whatever the driver settings (no reWriteBatchedInserts needed). The WHERE clause skips rows that are already
	 * identical, so a repeated backfill rewrites nothing: no dead tuples, no index churn, an honest "written" count.
	 * These are the few rows of single writes (the change stream, the admin API): their full-text document is computed
	 * here, so they are searchable through the index at once.
	 */
	private static final String UPSERT = """
			INSERT INTO catalog.product AS p (id, sku, category_id, name, description, price, currency, status,
			                                  created_at, updated_at, search_document)
			SELECT t.id, t.sku, t.category_id, t.name, t.description, t.price::numeric, t.currency, t.status,
			       t.created_at::timestamptz, now(), catalog.search_document(t.name, t.description)
			  FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
			              ?::text[]) AS t(id, sku, category_id, name, description, price, currency, status, created_at)
			ON CONFLICT (id) DO UPDATE
			   SET sku = excluded.sku, category_id = excluded.category_id, name = excluded.name,
			       description = excluded.description, price = excluded.price, currency = excluded.currency,
			       status = excluded.status, created_at = excluded.created_at, updated_at = excluded.updated_at,
			       search_document = excluded.search_document
			 WHERE (p.sku, p.category_id, p.name, p.description, p.price, p.currency, p.status, p.created_at)
			       IS DISTINCT FROM (excluded.sku, excluded.category_id, excluded.name, excluded.description,
			                         excluded.price, excluded.currency, excluded.status, excluded.created_at)
			""";

	/*
	 * Bulk imports: COPY into a session-private staging table (created once per connection, emptied by TRUNCATE, which
	 * leaves no dead rows behind), then one upsert from it with the same rules as UPSERT, except the full-text
	 * document: it is left pending (NULL; the table's trigger also drops a document whose text changed) and filled by
	 * SearchDocuments afterwards, because computing and indexing it is most of the cost of a row.
	 */
	private static final String STAGING = """
			CREATE TEMP TABLE IF NOT EXISTS catalog_product_import (id bigint, sku text, category_id bigint, name text,
			  description text, price numeric, currency text, status text, created_at timestamptz)""";

	private static final String UPSERT_STAGED = """
			INSERT INTO catalog.product AS p (id, sku, category_id, name, description, price, currency, status,
			                                  created_at, updated_at)
			SELECT t.id, t.sku, t.category_id, t.name, t.description, t.price, t.currency, t.status, t.created_at, now()
			  FROM pg_temp.catalog_product_import t
			ON CONFLICT (id) DO UPDATE
			   SET sku = excluded.sku, category_id = excluded.category_id, name = excluded.name,
			       description = excluded.description, price = excluded.price, currency = excluded.currency,
			       status = excluded.status, created_at = excluded.created_at, updated_at = excluded.updated_at
			 WHERE (p.sku, p.category_id, p.name, p.description, p.price, p.currency, p.status, p.created_at)
			       IS DISTINCT FROM (excluded.sku, excluded.category_id, excluded.name, excluded.description,
			                         excluded.price, excluded.currency, excluded.status, excluded.created_at)
			""";

	/*
	 * The same import into a key range that holds no product yet (every chunk of a first backfill): a plain INSERT
	 * skips ON CONFLICT's speculative insertion (probe the key, insert, confirm) for every row. If a row of the range
	 * appears between the check and the insert, the INSERT fails on the primary key and the chunk falls back to
	 * UPSERT_STAGED (see importRows), so the result is the same either way.
	 */
	private static final String INSERT_STAGED = """
			INSERT INTO catalog.product (id, sku, category_id, name, description, price, currency, status, created_at,
			                             updated_at)
			SELECT t.id, t.sku, t.category_id, t.name, t.description, t.price, t.currency, t.status, t.created_at, now()
			  FROM pg_temp.catalog_product_import t
			""";

	private static final String RANGE_EMPTY = """
			SELECT NOT EXISTS (SELECT 1 FROM catalog.product
			                    WHERE id BETWEEN (SELECT min(id) FROM pg_temp.catalog_product_import)
			                                 AND (SELECT max(id) FROM pg_temp.catalog_product_import))""";

	private static final String PRIMARY_KEY = "product_pk";

	private static final RowMapper<Product> PRODUCT = Products::map;

	private final JdbcTemplate jdbc;
	private final NamedParameterJdbcTemplate named;

	private final KeyRanges ranges;

	Products(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
		this.ranges = new KeyRanges(jdbc, "catalog.product", "id, sku, category_id, name, description, price, currency, "
				+ "status, (extract(epoch FROM created_at) * 1000000)::bigint");
	}

	/**
	 * Upserts any number of products through COPY and a staging table, in the caller's transaction; the caller has
	 * removed duplicate ids.
	 *
	 * @return rows inserted or changed
	 */
	int importRows(Collection<Product> products) {
		if (products.isEmpty()) {
			return 0;
		}
		var rows = new StringBuilder(products.size() * 256);
		for (Product product : products) {
			rows.append(product.id().value()).append('\t');
			field(rows, product.sku().code());
			rows.append(product.categoryId()).append('\t');
			field(rows, product.name());
			field(rows, product.description());
			rows.append(product.price().amount().toPlainString()).append('\t');
			rows.append(product.price().currency().getCurrencyCode()).append('\t');
			rows.append(product.status().name()).append('\t');
			rows.append(product.createdAt()).append('\n');
		}
		Integer written = jdbc.execute((ConnectionCallback<Integer>) connection -> {
			try (var statement = connection.createStatement()) {
				statement.execute(STAGING);
				statement.execute("TRUNCATE pg_temp.catalog_product_import");
			}
			try {
				connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY pg_temp.catalog_product_import "
						+ "(id, sku, category_id, name, description, price, currency, status, created_at) FROM STDIN",
						new StringReader(rows.toString()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			try (var statement = connection.createStatement()) {
				return rangeEmpty(statement) ? insertStaged(connection, statement) : statement.executeUpdate(UPSERT_STAGED);
			}
		});
		return written == null ? 0 : written;
	}

	private static boolean rangeEmpty(Statement statement) throws SQLException {
		try (ResultSet rs = statement.executeQuery(RANGE_EMPTY)) {
			return rs.next() && rs.getBoolean(1);
		}
	}

	/** INSERT_STAGED, or UPSERT_STAGED if a concurrent writer added a row of the range meanwhile. */
	private static int insertStaged(Connection connection, Statement statement) throws SQLException {
		Savepoint before = connection.setSavepoint();
		try {
			int inserted = statement.executeUpdate(INSERT_STAGED);
			connection.releaseSavepoint(before);
			return inserted;
		}
		catch (SQLException ex) {
			if (!(ex instanceof PSQLException psql && PSQLState.UNIQUE_VIOLATION.getState().equals(psql.getSQLState())
					&& psql.getServerErrorMessage() != null
					&& PRIMARY_KEY.equals(psql.getServerErrorMessage().getConstraint()))) {
				throw ex;
			}
			connection.rollback(before);
			return statement.executeUpdate(UPSERT_STAGED);
		}
	}

	/** A text value in COPY's text format, then the column separator: backslash, tab and line breaks escaped. */
	private static void field(StringBuilder rows, String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> rows.append("\\\\");
				case '\t' -> rows.append("\\t");
				case '\n' -> rows.append("\\n");
				case '\r' -> rows.append("\\r");
				default -> rows.append(c);
			}
		}
		rows.append('\t');
	}

	List<RangeChecksum> checksums(List<@Nullable Long> bounds) {
		return ranges.checksums(bounds);
	}

	Map<Long, Long> digests(@Nullable Long from, @Nullable Long to) {
		return ranges.digests(from, to);
	}

	@Transactional(readOnly = true)
	Optional<Product> find(ProductId id) {
		return jdbc.query("SELECT " + COLUMNS + " FROM catalog.product p WHERE p.id = ?", PRODUCT, id.value())
			.stream()
			.findFirst();
	}

	/** Reads a product and locks its row until the transaction ends, so concurrent writers see each other's prices. */
	Optional<Product> findForUpdate(ProductId id) {
		return jdbc.query("SELECT " + COLUMNS + " FROM catalog.product p WHERE p.id = ? FOR UPDATE", PRODUCT, id.value())
			.stream()
			.findFirst();
	}

	/**
	 * Reads products and locks their rows until the transaction ends, in id order (concurrent batches then lock in the
	 * same order and never deadlock).
	 */
	Map<Long, Product> findForUpdate(Collection<Long> ids) {
		Map<Long, Product> found = new java.util.HashMap<>();
		jdbc.query(connection -> {
			var statement = connection.prepareStatement(
					"SELECT " + COLUMNS + " FROM catalog.product p WHERE p.id = ANY (?) ORDER BY p.id FOR UPDATE");
			statement.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
			return statement;
		}, rs -> {
			Product product = map(rs, 0);
			found.put(product.id().value(), product);
		});
		return found;
	}

	void updatePrice(ProductId id, Money price) {
		jdbc.update("UPDATE catalog.product SET price = ?, currency = ?, updated_at = now() WHERE id = ?",
				price.amount(), price.currency().getCurrencyCode(), id.value());
	}

	/** @return whether there was such a product */
	boolean delete(ProductId id) {
		return jdbc.update("DELETE FROM catalog.product WHERE id = ?", id.value()) == 1;
	}

	/**
	 * Upserts products by id; the caller has removed duplicate ids (one statement may not touch a row twice).
	 *
	 * @return rows inserted or changed
	 */
	int upsert(List<Product> products) {
		if (products.isEmpty()) {
			return 0;
		}
		Integer written = jdbc.execute((ConnectionCallback<Integer>) connection -> {
			try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
				int n = products.size();
				Long[] ids = new Long[n];
				String[] skus = new String[n];
				Long[] categories = new Long[n];
				String[] names = new String[n];
				String[] descriptions = new String[n];
				String[] prices = new String[n];
				String[] currencies = new String[n];
				String[] statuses = new String[n];
				String[] created = new String[n];
				for (int i = 0; i < n; i++) {
					Product product = products.get(i);
					ids[i] = product.id().value();
					skus[i] = product.sku().code();
					categories[i] = product.categoryId();
					names[i] = product.name();
					descriptions[i] = product.description();
					prices[i] = product.price().amount().toPlainString();
					currencies[i] = product.price().currency().getCurrencyCode();
					statuses[i] = product.status().name();
					created[i] = product.createdAt().toString();
				}
				statement.setArray(1, array(connection, "bigint", ids));
				statement.setArray(2, array(connection, "text", skus));
				statement.setArray(3, array(connection, "bigint", categories));
				statement.setArray(4, array(connection, "text", names));
				statement.setArray(5, array(connection, "text", descriptions));
				statement.setArray(6, array(connection, "text", prices));
				statement.setArray(7, array(connection, "text", currencies));
				statement.setArray(8, array(connection, "text", statuses));
				statement.setArray(9, array(connection, "text", created));
				return statement.executeUpdate();
			}
		});
		return written == null ? 0 : written;
	}

	/** Active products in id order: the home page's featured candidates. */
	@Transactional(readOnly = true)
	List<Product> firstActive(int offset, int limit) {
		return jdbc.query("SELECT " + COLUMNS + " FROM catalog.product p WHERE p.status = 'ACTIVE' ORDER BY p.id "
				+ "LIMIT ? OFFSET ?", PRODUCT, limit, offset);
	}

	/**
	 * One page of active products matching a query.
	 *
	 * <p>The SQL is assembled from fixed fragments only; everything the shopper typed travels as bind parameters
	 * (see {@link SearchTerms}).
	 *
	 * @param categoryIds the category filter with all subcategories resolved, {@code null} for none
	 */
	@Transactional(readOnly = true)
	Listing search(ProductQuery query, @Nullable Collection<Long> categoryIds) {
		var params = new MapSqlParameterSource();
		StringBuilder from = new StringBuilder("catalog.product p");
		StringBuilder where = new StringBuilder("p.status = 'ACTIVE'");
		boolean ranked = false;
		if (query.text() != null) {
			SearchTerms terms = SearchTerms.parse(query.text());
			if (terms.matchesNothing()) {
				return Listing.EMPTY;
			}
			from.append(" CROSS JOIN (SELECT ").append(tsquery(terms, params)).append(" AS query) q");
			where.append(" AND ").append(SearchDocuments.MATCHES);
			ranked = true;
		}
		if (categoryIds != null) {
			where.append(" AND p.category_id IN (:categoryIds)");
			params.addValue("categoryIds", categoryIds);
		}
		if (query.minPrice() != null) {
			where.append(" AND p.price >= :minPrice");
			params.addValue("minPrice", query.minPrice());
		}
		if (query.maxPrice() != null) {
			where.append(" AND p.price <= :maxPrice");
			params.addValue("maxPrice", query.maxPrice());
		}
		params.addValue("limit", query.size());
		params.addValue("offset", query.offset());
		String sql = "SELECT " + COLUMNS + " FROM " + from + " WHERE " + where + " ORDER BY " + orderBy(query, ranked)
				+ " LIMIT :limit OFFSET :offset";
		List<Product> products = named.query(sql, params, PRODUCT);
		return new Listing(products, total(query, products.size(), from, where, params));
	}

	/**
	 * The number of matches. Skipped when the page itself proves it: a partly filled page is the last one.
	 */
	private long total(ProductQuery query, int found, CharSequence from, CharSequence where,
			MapSqlParameterSource params) {
		if (found > 0 && found < query.size()) {
			return query.offset() + found;
		}
		if (found == 0 && query.page() == 1) {
			return 0;
		}
		Long count = named.queryForObject("SELECT count(*) FROM " + from + " WHERE " + where, params, Long.class);
		return count == null ? 0 : count;
	}

	private static String tsquery(SearchTerms terms, MapSqlParameterSource params) {
		if (terms.webQuery() != null) {
			params.addValue("webQuery", terms.webQuery());
			return "websearch_to_tsquery('catalog.shop_english', :webQuery)";
		}
		String complete = "plainto_tsquery('catalog.shop_english', :words)";
		params.addValue("words", terms.words());
		if (terms.prefix() == null) {
			return complete;
		}
		params.addValue("prefix", terms.prefix());
		// The prefix is stemmed like the document, and matches every lexeme it begins: "choco" finds "chocol(ate)".
		String prefix = "to_tsquery('catalog.shop_english', :prefix)";
		return terms.words().isEmpty() ? prefix : complete + " && " + prefix;
	}

	private static String orderBy(ProductQuery query, boolean ranked) {
		return switch (query.sort()) {
			case RELEVANCE -> ranked ? "ts_rank_cd(" + SearchDocuments.DOCUMENT + ", q.query) DESC, p.id" : "p.id";
			case PRICE_ASC -> "p.price, p.id";
			case PRICE_DESC -> "p.price DESC, p.id";
			case NAME -> "p.name, p.id";
			case NEWEST -> "p.created_at DESC, p.id";
		};
	}

	private static Array array(Connection connection, String type, Object[] values) throws SQLException {
		return connection.createArrayOf(type, values);
	}

	private static Product map(ResultSet rs, int row) throws SQLException {
		return new Product(ProductId.of(rs.getLong("id")), new Sku(rs.getString("sku")), rs.getLong("category_id"),
				rs.getString("name"), rs.getString("description"),
				new Money(rs.getBigDecimal("price"), Currency.getInstance(rs.getString("currency"))),
				ProductStatus.valueOf(rs.getString("status")),
				rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}
}
