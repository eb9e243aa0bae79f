package com.retailflow.catalog.internal;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import com.retailflow.catalog.Category;
import com.retailflow.inventory.RangeChecksum;

/** The {@code catalog.category} table. */
@Repository
class Categories {

	/* Set-based upsert from arrays, skipping identical rows; see Products.UPSERT. */
	private static final String UPSERT = """
			INSERT INTO catalog.category AS c (id, parent_id, name, slug, updated_at)
			SELECT t.id, t.parent_id, t.name, t.slug, now()
			  FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) AS t(id, parent_id, name, slug)
			ON CONFLICT (id) DO UPDATE
			   SET parent_id = excluded.parent_id, name = excluded.name, slug = excluded.slug,
			       updated_at = excluded.updated_at
			 WHERE (c.parent_id, c.name, c.slug) IS DISTINCT FROM (excluded.parent_id, excluded.name, excluded.slug)
			""";

	private final JdbcTemplate jdbc;
	private final KeyRanges ranges;

	Categories(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.ranges = new KeyRanges(jdbc, "catalog.category", "id, coalesce(parent_id::text, ''), name, slug");
	}

	List<RangeChecksum> checksums(List<@Nullable Long> bounds) {
		return ranges.checksums(bounds);
	}

	Map<Long, Long> digests(@Nullable Long from, @Nullable Long to) {
		return ranges.digests(from, to);
	}

	@Transactional(readOnly = true)
	List<Category> all() {
		return jdbc.query("SELECT id, parent_id, name, slug FROM catalog.category ORDER BY id",
				(rs, row) -> new Category(rs.getLong("id"), rs.getObject("parent_id", Long.class), rs.getString("name"),
						rs.getString("slug")));
	}

	/** @return whether there was such a category */
	boolean delete(long id) {
		return jdbc.update("DELETE FROM catalog.category WHERE id = ?", id) == 1;
	}

	/** Upserts categories by id; the caller has removed duplicate ids. */
	int upsert(List<Category> categories) {
		if (categories.isEmpty()) {
			return 0;
		}
		Integer written = jdbc.execute((ConnectionCallback<Integer>) connection -> {
			try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
				int n = categories.size();
				Long[] ids = new Long[n];
				Long[] parents = new Long[n];
				String[] names = new String[n];
				String[] slugs = new String[n];
				for (int i = 0; i < n; i++) {
					Category category = categories.get(i);
					ids[i] = category.id();
					parents[i] = category.parentId();
					names[i] = category.name();
					slugs[i] = category.slug();
				}
				statement.setArray(1, connection.createArrayOf("bigint", ids));
				statement.setArray(2, connection.createArrayOf("bigint", parents));
				statement.setArray(3, connection.createArrayOf("text", names));
				statement.setArray(4, connection.createArrayOf("text", slugs));
				return statement.executeUpdate();
			}
		});
		return written == null ? 0 : written;
	}
}
