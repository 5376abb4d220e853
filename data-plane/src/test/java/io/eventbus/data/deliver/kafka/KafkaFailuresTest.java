package io.eventbus.data.deliver.kafka;

import io.eventbus.data.retry.DeliveryOutcome;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What each failure of a Kafka send means for the delivery ({@link ClassifyKafkaFailure}), as a table. */
class KafkaFailuresTest {

    private static final String SERVERS = "kafka-1:9092,kafka-2:9092";

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new RecordTooLargeException("The message is 2000000 bytes when serialized which is larger"
                        + " than 1048576, which is the value of the max.request.size configuration."),
                        "Permanent", "RECORD_TOO_LARGE"),
                Arguments.of(new RecordBatchTooLargeException("batch"), "Permanent", "RECORD_TOO_LARGE"),
                Arguments.of(new TopicAuthorizationException(Set.of("orders")), "Permanent", "AUTH_FAILED"),
                Arguments.of(new ClusterAuthorizationException("idempotent write"), "Permanent", "AUTH_FAILED"),
                Arguments.of(new KafkaException("Cannot execute transactional method because we are in an error state",
                        new ClusterAuthorizationException("idempotent write")), "Permanent", "AUTH_FAILED"),
                Arguments.of(new SaslAuthenticationException("bad password"), "Permanent", "AUTH_FAILED"),
                Arguments.of(new InvalidTopicException("Invalid topics: [..]"), "Permanent", "TOPIC_INVALID"),
                Arguments.of(new InvalidRecordException("Compacted topic cannot accept message without key"),
                        "Permanent", "RECORD_INVALID"),
                Arguments.of(new TimeoutException("Expiring 1 record(s) for orders-0:15001 ms has passed since batch"
                        + " creation"), "Retryable", "TIMEOUT"),
                Arguments.of(new NetworkException("The server disconnected"), "Retryable", "CONNECTION_ERROR"),
                Arguments.of(new DisconnectException("gone"), "Retryable", "KAFKA_ERROR"),
                Arguments.of(new NotEnoughReplicasException("Messages are rejected since there are fewer in-sync"
                        + " replicas than required."), "Retryable", "KAFKA_ERROR"),
                Arguments.of(new IllegalStateException("Cannot perform operation after producer has been closed"),
                        "Retryable", "KAFKA_ERROR"),
                Arguments.of(new KafkaException("Failed to construct kafka producer",
                        new ConfigException("No resolvable bootstrap urls given in bootstrap.servers")),
                        "Retryable", "CONNECTION_ERROR"),
                Arguments.of(new KafkaException("Failed to construct kafka producer", new IllegalStateException("x")),
                        "Retryable", "KAFKA_ERROR"),
                Arguments.of(new CompletionException(new ExecutionException(new RecordTooLargeException("big"))),
                        "Permanent", "RECORD_TOO_LARGE"));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("failures")
    void eachFailureIsPermanentOrRetryableWithItsCode(Throwable error, String kind, String code) {
        DeliveryOutcome outcome = ClassifyKafkaFailure.failure(error, SERVERS, "orders", true);

        assertThat(outcome.getClass().getSimpleName()).isEqualTo(kind);
        assertThat(outcome.errorCode()).isEqualTo(code);
        assertThat(outcome.errorMessage()).as("says where").contains("'orders'", SERVERS);
    }

    @Test
    void aRecordWithoutAKeyThatACompactedTopicRefusesSaysSo() {
        DeliveryOutcome outcome = ClassifyKafkaFailure.failure(
                new InvalidRecordException("Compacted topic cannot accept message without key"), SERVERS, "orders",
                false);

        assertThat(outcome.errorMessage()).contains("no key", "compacted");
    }

    @Test
    void aFailureWrappingAnotherNamesBoth() {
        DeliveryOutcome outcome = ClassifyKafkaFailure.failure(new KafkaException("Failed to construct kafka producer",
                new IllegalStateException("no room")), SERVERS, "orders", true);

        assertThat(outcome.errorMessage()).isEqualTo("KafkaException: Failed to construct kafka producer"
                + " (IllegalStateException: no room) (topic 'orders' on " + SERVERS + ")");
    }

    static Stream<Arguments> timeouts() {
        TimeoutException metadata = new TimeoutException("Topic orders not present in metadata after 5000 ms.");
        return Stream.of(
                Arguments.of(new UnknownTopicOrPartitionException("This server does not host this topic-partition."),
                        "Permanent", "TOPIC_NOT_FOUND", "topic 'orders' does not exist on " + SERVERS
                                + " (and the brokers do not create topics on first use)"),
                Arguments.of(new ExecutionException(new UnknownTopicOrPartitionException("unknown")),
                        "Permanent", "TOPIC_NOT_FOUND", "topic 'orders' does not exist"),
                Arguments.of(new TimeoutException("Timed out waiting for a node assignment. Call: describeTopics"),
                        "Retryable", "CONNECTION_ERROR", "the brokers at " + SERVERS + " do not answer (topic"
                                + " 'orders'): Topic orders not present in metadata after 5000 ms; describing the"
                                + " topic failed too: Timed out waiting for a node assignment. Call: describeTopics"),
                Arguments.of(new KafkaException("No resolvable bootstrap urls given in bootstrap.servers"),
                        "Retryable", "CONNECTION_ERROR", "No resolvable bootstrap urls"),
                Arguments.of(new TopicAuthorizationException(Set.of("orders")), "Retryable", "TIMEOUT",
                        "TopicAuthorizationException"),
                Arguments.of(null, "Retryable", "TIMEOUT", "the brokers did not acknowledge the record in time"))
                .map(a -> Arguments.of(metadata, a.get()[0], a.get()[1], a.get()[2], a.get()[3]));
    }

    @ParameterizedTest(name = "timeout, then describing the topic: {1} -> {3}")
    @MethodSource("timeouts")
    void aTimeoutIsDecidedByWhetherTheTopicCanBeDescribed(Throwable timeout, Throwable describeError, String kind,
                                                         String code, String message) {
        DeliveryOutcome outcome = ClassifyKafkaFailure.afterTopicCheck(timeout, describeError, SERVERS, "orders");

        assertThat(outcome.getClass().getSimpleName()).isEqualTo(kind);
        assertThat(outcome.errorCode()).isEqualTo(code);
        assertThat(outcome.errorMessage()).contains(message);
    }
}
