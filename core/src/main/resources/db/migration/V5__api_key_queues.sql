-- API keys get a second scope: the built-in queues whose messages the key may send, receive and delete
-- ('{*}' means every queue). A key needs at least one bus or one queue; the control plane checks that.
ALTER TABLE api_key ADD COLUMN queues text[] NOT NULL DEFAULT '{}';
COMMENT ON COLUMN api_key.buses IS 'Bus names the key may put events on; {*} means every bus';
COMMENT ON COLUMN api_key.queues IS 'Queue names whose messages the key may send, receive and delete; {*} means every queue';
