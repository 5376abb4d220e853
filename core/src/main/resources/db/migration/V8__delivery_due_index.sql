-- The claim takes due deliveries oldest first: ORDER BY next_attempt_at over both AVAILABLE and RETRYABLE rows.
-- delivery_claim_idx (state, next_attempt_at) cannot return them in that order across two states, so every claim
-- sorted the whole backlog (27 ms per claim with 28,000 due, 1.4 ms with this index). Partial: only claimable rows.
CREATE INDEX delivery_due_idx ON delivery (next_attempt_at) WHERE state IN ('AVAILABLE', 'RETRYABLE');
DROP INDEX delivery_claim_idx;
