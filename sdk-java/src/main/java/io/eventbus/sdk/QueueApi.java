package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The queue consumer routes of one queue ({@code /v1/queues/{queue}/messages...}): receive with long polling, delete
 * and change visibility by receipt handle. Thread-safe.
 */
final class QueueApi {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Received(String messageId, String receiptHandle, String body, Map<String, String> attributes,
                    int receiveCount, Instant sentAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReceiveAnswer(List<Received> messages) {
    }

    private final Transport transport;
    private final String path;

    QueueApi(Transport transport, String queue) {
        this.transport = transport;
        this.path = "/v1/queues/" + Transport.segment(queue) + "/messages";
    }

    /**
     * Up to {@code max} messages, hidden for {@code visibility}; waits up to {@code wait} when there are none. The
     * future fails with an {@link EventbusException}.
     */
    CompletableFuture<List<Message>> receive(int max, Duration visibility, Duration wait) {
        return transport.sendWaitingAsync("POST", path + ":receive", Map.of("maxMessages", max,
                        "visibilityTimeoutSeconds", visibility.toSeconds(), "waitTimeSeconds", wait.toSeconds()),
                ReceiveAnswer.class, wait).thenApply(QueueApi::messages);
    }

    private static List<Message> messages(ReceiveAnswer answer) {
        if (answer == null || answer.messages() == null) {
            return List.of();
        }
        return answer.messages().stream().map(m -> new Message(m.messageId(), m.receiptHandle(), m.body(),
                m.attributes(), m.receiveCount(), m.sentAt())).toList();
    }

    void delete(Message message) {
        transport.send("DELETE", path + "/" + message.receiptHandle(), null, Void.class);
    }

    /** Hides {@code message} for {@code visibility} from now; zero makes it visible at once. */
    CompletableFuture<Void> changeVisibility(Message message, Duration visibility) {
        return transport.sendAsync("POST", path + "/" + message.receiptHandle() + ":change-visibility",
                Map.of("visibilityTimeoutSeconds", visibility.toSeconds()), Void.class);
    }
}
