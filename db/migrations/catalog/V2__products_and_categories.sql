-- Categories and products: the read side of the shop, kept in sync from the legacy shop until the catalog route is NEW.
--
-- Ids are the legacy shop's numeric ids (so /product.php?id=42 is /products/42). There are no foreign keys between
-- product and category: the legacy shop has none, and the backfill may deliver products before their category.
-- Nothing here refers to another module's schema; stock lives in inventory and is looked up by SKU.

-- Full-text search ------------------------------------------------------------------------------------------------
-- Shoppers type "cafe creme" for "Café Crème": the configuration folds accents with the unaccent dictionary, then
-- stems English words ("boots" finds "Boot", "chocolates" finds "Chocolate").
-- unaccent is a trusted extension (PostgreSQL 13+): the database owner may create it without superuser rights.
-- If another schema already installed it, its dictionary is used where it is.
DO $$
DECLARE
  dictionary_schema TEXT;
BEGIN
  SELECT n.nspname INTO dictionary_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
   WHERE e.extname = 'unaccent';
  IF dictionary_schema IS NULL THEN
    CREATE EXTENSION unaccent WITH SCHEMA catalog;
    dictionary_schema := 'catalog';
  END IF;
  CREATE TEXT SEARCH CONFIGURATION catalog.shop_english (COPY = pg_catalog.english);
  EXECUTE format('ALTER TEXT SEARCH CONFIGURATION catalog.shop_english '
                 'ALTER MAPPING FOR hword, hword_part, word WITH %I.unaccent, english_stem', dictionary_schema);
END
$$;

-- Categories --------------------------------------------------------------------------------------------------------
CREATE TABLE catalog.category
(
  id         BIGINT      NOT NULL,
  parent_id  BIGINT,
  name       TEXT        NOT NULL,
  slug       TEXT        NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  CONSTRAINT category_pk PRIMARY KEY (id),
  CONSTRAINT category_slug_unique UNIQUE (slug),
  CONSTRAINT category_id_positive CHECK (id > 0),
  CONSTRAINT category_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id),
  CONSTRAINT category_name_present CHECK (length(btrim(name)) > 0),
  CONSTRAINT category_slug_url_safe CHECK (slug ~ '^[A-Za-z0-9._~-]{1,100}$')
);

CREATE INDEX category_parent_idx ON catalog.category (parent_id);

COMMENT ON TABLE catalog.category IS 'Category tree (legacy ids); parent_id NULL for top-level categories.';

-- Products ----------------------------------------------------------------------------------------------------------
CREATE TABLE catalog.product
(
  id              BIGINT         NOT NULL,
  sku             VARCHAR(64)    NOT NULL,
  category_id     BIGINT         NOT NULL,
  name            TEXT           NOT NULL,
  description     TEXT           NOT NULL DEFAULT '',
  price           NUMERIC(12, 2) NOT NULL,
  currency        CHAR(3)        NOT NULL,
  status          VARCHAR(16)    NOT NULL,
  created_at      TIMESTAMPTZ    NOT NULL,
  updated_at      TIMESTAMPTZ    NOT NULL,
  -- Name words weigh A, description words B: ts_rank_cd ranks a name match above a description match.
  -- (Computing it is most of the cost of writing a row; a second, unstemmed copy of the name would let half-typed
  -- words past the stem match, "chocola" for "chocolate", but cost a fifth of the import throughput.)
  search_document TSVECTOR GENERATED ALWAYS AS (
      setweight(to_tsvector('catalog.shop_english', name), 'A')
   || setweight(to_tsvector('catalog.shop_english', description), 'B')) STORED,
  CONSTRAINT product_pk PRIMARY KEY (id),
  CONSTRAINT product_sku_unique UNIQUE (sku),
  CONSTRAINT product_id_positive CHECK (id > 0),
  CONSTRAINT product_price_not_negative CHECK (price >= 0),
  CONSTRAINT product_currency_code CHECK (currency ~ '^[A-Z]{3}$'),
  CONSTRAINT product_status_known CHECK (status IN ('ACTIVE', 'HIDDEN', 'DISCONTINUED')),
  CONSTRAINT product_name_present CHECK (length(btrim(name)) > 0)
);

CREATE INDEX product_search_idx ON catalog.product USING gin (search_document);
-- Category pages (the busiest listing): active products of a few categories in id order, straight from the index.
CREATE INDEX product_category_idx ON catalog.product (category_id, id) WHERE status = 'ACTIVE';

COMMENT ON TABLE catalog.product IS 'Products (legacy ids); only ACTIVE ones are listed to shoppers.';
COMMENT ON COLUMN catalog.product.price IS 'Exact price in the shop currency (legacy FLOAT prices rounded to cents at import).';
COMMENT ON COLUMN catalog.product.search_document IS 'Full-text document: name (weight A) and description (weight B), stemmed, accents folded.';
