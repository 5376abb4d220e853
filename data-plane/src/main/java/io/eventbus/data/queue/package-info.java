/**
 * The consumer side of built-in queues (SQS semantics): send, receive with a visibility timeout and long
 * polling, delete and change visibility by receipt handle, over {@code /v1/queues/{queue}/messages}. Deliveries
 * and dead letters arrive in the same table ({@code queue_message}, written by {@code outbox.RecordOutcome}); the
 * control plane creates and deletes the queues themselves. Routes are
 * {@link io.eventbus.core.auth.ProducerApi}: callers hold an API key whose {@code queues} scope names the queue
 * (or {@code *}), checked by {@code io.eventbus.data.auth} (docs/adr/0005).
 * <p>
 * How it works:
 * <ul>
 *   <li>A receive is ONE statement ({@link io.eventbus.data.queue.QueueMessages}): visible, unexpired messages,
 *       oldest visible first, {@code FOR UPDATE SKIP LOCKED}, pushed out of sight by the visibility timeout with a
 *       new receipt token. Two receives never get the same message.</li>
 *   <li>A receipt handle is the message id and that receive's token ({@code ReceiptHandle}); once the message is
 *       received again, an older handle no longer deletes it: 404 saying the handle is stale. Deleting twice gives
 *       404 saying the message is gone. Malformed handles are 400.</li>
 *   <li>Long polling ({@link io.eventbus.data.queue.ReceiveMessages}): a receive that finds nothing and may wait
 *       returns a future; it holds no thread, no connection and no event loop while it waits. Sends and visibility
 *       changes in this process wake the queue's waiting receives at once; a probe every
 *       {@code eventbus.queue.poll-interval} (250 ms, one query for all waiting queues) finds messages from other
 *       processes, deliveries, and ends of visibility timeouts and delays. Waiting receives are served oldest
 *       first, one claim at a time per queue. At most {@code eventbus.queue.max-long-polls} (1,000) wait at once;
 *       beyond, 503.</li>
 *   <li>Expired messages are never received; maintenance ({@code ApplyRetention}) deletes them.</li>
 * </ul>
 * Matching, deliveries and queue administration do not belong here.
 */
package io.eventbus.data.queue;
