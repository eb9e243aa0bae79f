-- The automatic fallback is time-bounded (like outlier ejection): the route keeps its chosen mode and is
-- served by legacy until fallback_until; fallback_count doubles the next ejection while errors keep coming.
ALTER TABLE routes ADD COLUMN fallback_until TIMESTAMPTZ;
ALTER TABLE routes ADD COLUMN fallback_count INTEGER NOT NULL DEFAULT 0 CHECK (fallback_count >= 0);

-- Bumped whenever the route sends everyone back to legacy (LEGACY or SHADOW): a visit's pin to the new side
-- names the generation it was made in, so a later canary never inherits pins from an earlier one.
ALTER TABLE routes ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
