package io.eventbus.sdk;

/**
 * {@link Publisher#publish} could not take an event because the publisher already holds
 * {@link PublisherOptions#bufferCapacity()} events: at once with {@link PublisherOptions.WhenFull#FAIL_FAST}, or
 * after waiting {@link PublisherOptions#maxBlock()} with {@link PublisherOptions.WhenFull#BLOCK}. The event was
 * not accepted; publish it again later (Eventbus is slower than the producer, or unreachable).
 */
public class PublisherBufferFullException extends RuntimeException {

    private final int capacity;

    /** The buffer of {@code capacity} events was full; {@code detail} says how long it was waited for. */
    public PublisherBufferFullException(int capacity, String detail) {
        super("the publisher's buffer of " + capacity + " events is full" + detail);
        this.capacity = capacity;
    }

    /** The capacity of the buffer that was full. */
    public int capacity() {
        return capacity;
    }
}
