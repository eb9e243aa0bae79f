-- Write-back asks "has this row a legacy change the stream has not applied yet?" under the row's lock; this index
-- answers it without scanning the change table.
CREATE INDEX rf_change_key ON rf_change (table_name, row_key, id);
