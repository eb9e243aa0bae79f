package com.retailflow.catalog.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The products' full-text documents ({@code catalog.product.search_document}). Single writes store a product's
 * document with the row; bulk imports leave it pending (NULL), because computing and indexing it costs several times
 * more than writing the row, and this fills the pending ones in batches once the imports have paused. Until then a
 * search computes a pending product's document on the fly ({@link #MATCHES}), so what a search finds never depends on
 * how far this has got.
 *
 * <p>Runs on every instance (when scheduling is on); {@code SKIP LOCKED} lets them share the work without waiting on
 * each other. A document is computed from the row it is stored in, in one {@code UPDATE}, so a concurrent write of the
 * same row is either seen or makes the row pending again (the table's trigger), never leaves a stale document.
 */
@Repository
class SearchDocuments {

	/** A product's document in a query over {@code catalog.product p}: stored, or computed while pending. */
	static final String DOCUMENT = "COALESCE(p.search_document, catalog.search_document(p.name, p.description))";

	/**
	 * {@code q.query} matches the product. PostgreSQL plans it as a bitmap OR of the two partial indexes: the GIN
	 * index over stored documents, and the (in steady state empty) index of pending rows, whose documents it computes.
	 */
	static final String MATCHES = "(p.search_document @@ q.query OR (p.search_document IS NULL "
			+ "AND catalog.search_document(p.name, p.description) @@ q.query))";

	/** Rows per statement: a short transaction, so imports of the same rows wait for it at most briefly. */
	static final int BATCH = 2_000;

	/** Imports are taken to have paused when no pending row was written for this long. */
	static final Duration QUIET = Duration.ofSeconds(2);

	private static final Logger log = LoggerFactory.getLogger(SearchDocuments.class);

	private static final String FILL = """
			UPDATE catalog.product p SET search_document = catalog.search_document(p.name, p.description)
			 WHERE p.id IN (SELECT id FROM catalog.product WHERE search_document IS NULL
			                 ORDER BY updated_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
			   AND p.search_document IS NULL""";

	private static final String IMPORTING = """
			SELECT EXISTS (SELECT 1 FROM catalog.product
			                WHERE search_document IS NULL AND updated_at > now() - make_interval(secs => ?))""";

	private final JdbcTemplate jdbc;

	SearchDocuments(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Fills pending documents while no bulk import is writing: the filler would otherwise take the database's CPU
	 * from the import it is meant to keep fast.
	 */
	@Scheduled(fixedDelay = 1, timeUnit = TimeUnit.SECONDS)
	void fillWhileImportsPause() {
		try {
			long filled = 0;
			int batch;
			do {
				if (importing()) {
					break;
				}
				batch = fill(BATCH);
				filled += batch;
			}
			while (batch == BATCH);
			if (filled > 0) {
				log.info("Filled {} pending full-text documents", filled);
			}
		}
		catch (DataAccessException ex) {
			log.warn("Could not fill pending full-text documents: {}", ex.getMessage());
		}
	}

	/**
	 * Computes and stores up to {@code limit} pending documents, oldest first, in one statement (its own transaction
	 * unless the caller has one).
	 *
	 * @return documents filled
	 */
	int fill(int limit) {
		return jdbc.update(FILL, limit);
	}

	/** Products whose document is pending. */
	long pending() {
		Long pending = jdbc.queryForObject("SELECT count(*) FROM catalog.product WHERE search_document IS NULL",
				Long.class);
		return pending == null ? 0 : pending;
	}

	private boolean importing() {
		return Boolean.TRUE.equals(jdbc.queryForObject(IMPORTING, Boolean.class, (double) QUIET.toSeconds()));
	}
}
