-- The full-text document leaves the bulk import path (docs/adr/0017-search-document-off-the-import-path.md).
--
-- Computing it (to_tsvector with unaccent and stemming) and adding it to the GIN index cost most of the time of
-- writing a product row, which held the backfill near 10,000 rows/s. Now:
--   * single-row writes compute it in the same statement, as before;
--   * bulk imports leave it NULL ("pending"), and the catalog fills pending documents in batches afterwards;
--   * a search matches a pending product by computing its document on the fly, so results never depend on whether
--     the filler has caught up; only its speed does.
-- The trigger below is what guarantees that a stored document always belongs to the row's current name and
-- description, whoever writes the row.

CREATE FUNCTION catalog.search_document(name TEXT, description TEXT) RETURNS TSVECTOR
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  -- Name words weigh A, description words B: ts_rank_cd ranks a name match above a description match.
  RETURN setweight(to_tsvector('catalog.shop_english', name), 'A')
      || setweight(to_tsvector('catalog.shop_english', description), 'B');

-- The stored values stay; the column becomes a plain one that the catalog writes.
ALTER TABLE catalog.product ALTER COLUMN search_document DROP EXPRESSION;

-- NULL documents are not indexed (a pending row costs the GIN index nothing); "document @@ query" implies NOT NULL,
-- so searches still use the index.
DROP INDEX catalog.product_search_idx;
CREATE INDEX product_search_idx ON catalog.product USING gin (search_document) WHERE search_document IS NOT NULL;
-- The filler's work list, and the part of a search that computes documents on the fly. Empty in steady state.
CREATE INDEX product_search_pending_idx ON catalog.product (updated_at, id) WHERE search_document IS NULL;

CREATE FUNCTION catalog.product_search_document_current() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.name, NEW.description) IS DISTINCT FROM (OLD.name, OLD.description)
     AND NEW.search_document IS NOT DISTINCT FROM OLD.search_document THEN
    NEW.search_document := NULL;
  END IF;
  RETURN NEW;
END
$$;

-- Text changed without a new document (a bulk import, an UPDATE by hand): the old document is dropped, the row is
-- pending until the filler computes the new one.
CREATE TRIGGER product_search_document_current
  BEFORE UPDATE OF name, description ON catalog.product
  FOR EACH ROW EXECUTE FUNCTION catalog.product_search_document_current();

COMMENT ON COLUMN catalog.product.search_document IS
  'Full-text document catalog.search_document(name, description), or NULL while pending after a bulk import.';
