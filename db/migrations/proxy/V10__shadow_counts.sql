-- Shadow comparison counts per route and minute, added to by every instance: the gate and the console read a
-- recent window of them, so the verdict is the cluster's, survives restarts and forgets old differences.
--   kind  = 'shadow' (new vs legacy), 'noise' (legacy vs legacy), 'drop' (load shed), 'skip' (not comparable)
--   field = ''  : how many comparisons (or drops, skips)
--           '*' : how many comparisons differed in any field
--           name: how many comparisons differed in that field (title, price, links, form:add-to-cart, ...)
CREATE TABLE shadow_counts (
    route_id TEXT        NOT NULL,
    minute   TIMESTAMPTZ NOT NULL,
    kind     TEXT        NOT NULL CHECK (kind IN ('shadow', 'noise', 'drop', 'skip')),
    field    TEXT        NOT NULL,
    n        BIGINT      NOT NULL CHECK (n >= 0),
    PRIMARY KEY (route_id, minute, kind, field)
);
CREATE INDEX shadow_counts_by_minute ON shadow_counts (minute);
