-- Why a claimed delivery was given back unattempted (io.eventbus.core.delivery.DeliveryHold), until its
-- next_attempt_at; NULL otherwise. Set by a deferral, cleared by the next claim or an operator's retry.
ALTER TABLE delivery ADD COLUMN held_by text CHECK (held_by IN ('CIRCUIT_OPEN', 'RATE_LIMITED'));
