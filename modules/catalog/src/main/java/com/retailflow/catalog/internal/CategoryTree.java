package com.retailflow.catalog.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.retailflow.catalog.Category;

/**
 * All categories in memory: a shop has dozens or hundreds of them, and every page needs them (navigation,
 * breadcrumbs, the subcategories a category filter includes). Immutable; replaced wholesale when categories change.
 */
final class CategoryTree {

	static final CategoryTree EMPTY = new CategoryTree(List.of());

	private final List<Category> all;
	private final Map<Long, Category> byId = new HashMap<>();
	private final Map<String, Category> bySlug = new HashMap<>();
	private final Map<Long, List<Category>> children = new HashMap<>();

	CategoryTree(List<Category> categories) {
		this.all = categories.stream().sorted(Comparator.comparingLong(Category::id)).toList();
		for (Category category : all) {
			byId.put(category.id(), category);
			bySlug.put(category.slug(), category);
			if (category.parentId() != null) {
				children.computeIfAbsent(category.parentId(), id -> new ArrayList<>()).add(category);
			}
		}
	}

	List<Category> all() {
		return all;
	}

	@Nullable Category byId(long id) {
		return byId.get(id);
	}

	@Nullable Category bySlug(String slug) {
		return bySlug.get(slug);
	}

	/** Direct subcategories, by id. */
	List<Category> children(long id) {
		return children.getOrDefault(id, List.of());
	}

	/**
	 * The category and every category below it, at any depth. The legacy tree has two levels, but nothing stops a
	 * deeper one; a parent loop in bad data ends the walk instead of looping forever.
	 */
	List<Long> selfAndDescendants(long id) {
		Set<Long> seen = new HashSet<>();
		List<Long> ids = new ArrayList<>();
		var pending = new ArrayDeque<Long>();
		pending.add(id);
		while (!pending.isEmpty()) {
			long next = pending.poll();
			if (seen.add(next)) {
				ids.add(next);
				children(next).forEach(child -> pending.add(child.id()));
			}
		}
		return ids;
	}

	/** The top-level category above (or equal to) a category: what the navigation bar highlights. */
	@Nullable Category topLevelOf(long id) {
		Category current = byId.get(id);
		Set<Long> seen = new HashSet<>();
		while (current != null && current.parentId() != null && seen.add(current.id())) {
			Category parent = byId.get(current.parentId());
			if (parent == null) {
				return current;
			}
			current = parent;
		}
		return current;
	}
}
