package io.eventbus.sdk;

/**
 * What a {@link QueueConsumer} does with each message. Returning deletes the message from the queue; throwing
 * leaves it there, to be received again (with a higher {@link Message#receiveCount()}). A message may come more than
 * once (at least once delivery: after a crash, or when a handler outlives the visibility timeout that could not be
 * extended), so make handling idempotent, e.g. by {@link Message#messageId()} or the event's id in the body.
 * Called on the consumer's handler threads, several at once when its concurrency is above 1.
 */
@FunctionalInterface
public interface MessageHandler {

    /**
     * Handles {@code message}; returns when done with it.
     *
     * @throws Exception to have the message received again
     */
    void handle(Message message) throws Exception;
}
