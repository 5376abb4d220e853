package io.eventbus.sdk;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One message received from a queue, as a {@link MessageHandler} gets it. For a message that a rule's queue target
 * put there, the {@link #body()} is the event as JSON (or what the target's input shaping made of it); a dead
 * letter's {@link #attributes()} say why it could not be delivered. Immutable.
 */
public final class Message {

    private final String messageId;
    private final String receiptHandle;
    private final String body;
    private final Map<String, String> attributes;
    private final int receiveCount;
    private final Instant sentAt;

    Message(String messageId, String receiptHandle, String body, Map<String, String> attributes, int receiveCount,
            Instant sentAt) {
        this.messageId = Objects.requireNonNull(messageId, "messageId");
        this.receiptHandle = Objects.requireNonNull(receiptHandle, "receiptHandle");
        this.body = body == null ? "" : body;
        this.attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        this.receiveCount = receiveCount;
        this.sentAt = sentAt;
    }

    /** The message's id: the same every time it is received. */
    public String messageId() {
        return messageId;
    }

    /** The message as sent: any text, usually JSON. */
    public String body() {
        return body;
    }

    /** The sender's string attributes; empty when none. */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** 1 on the first receive; more when earlier receives did not delete it (a handler threw, or a crash). */
    public int receiveCount() {
        return receiveCount;
    }

    /** When the message was put on the queue. */
    public Instant sentAt() {
        return sentAt;
    }

    /** What deletes the message or changes its visibility, valid until it is received again. */
    String receiptHandle() {
        return receiptHandle;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && messageId.equals(m.messageId) && receiptHandle.equals(m.receiptHandle);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageId, receiptHandle);
    }

    /** The id and receive count; not the body, which may hold what logs should not. */
    @Override
    public String toString() {
        return "Message[messageId=" + messageId + ", receiveCount=" + receiveCount + ", sentAt=" + sentAt + "]";
    }
}
