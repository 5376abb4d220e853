-- The console's overview counts finished deliveries per time bucket (GET /v1/stats); without this index it
-- would read the whole delivery table. Only finished rows are in it.
CREATE INDEX delivery_finished_idx ON delivery (finished_at) WHERE finished_at IS NOT NULL;
