package io.eventbus.data.deliver.kafka;

import io.eventbus.data.retry.DeliveryOutcome;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What a failed send to Kafka means for the delivery. Permanent when another attempt would send the same record to
 * the same answer: a record too large, a client the brokers do not authorize, an invalid topic or record, a topic
 * that does not exist. Retryable otherwise, a {@link RetriableException} of the client included. A send that timed
 * out is decided once the cluster was asked whether the topic exists ({@link #afterTopicCheck}): the producer says
 * only "not present in metadata", for a missing topic and for brokers that do not answer alike. Every message names
 * the topic and the bootstrap list, since an operator reads it in the console and in dead letters. Pure.
 */
final class ClassifyKafkaFailure {

    /** A failure of this type (or caused by one) is permanent or not, with this code; {@code what} it means. */
    private record Row(Class<? extends Throwable> type, boolean permanent, String code, String what) {
    }

    /** The first row whose type is the failure or one of its causes decides; the order matters. */
    private static final List<Row> TABLE = List.of(
            new Row(RecordTooLargeException.class, true, "RECORD_TOO_LARGE",
                    "the record is larger than the producer or the topic takes"),
            new Row(RecordBatchTooLargeException.class, true, "RECORD_TOO_LARGE",
                    "the record is larger than the producer or the topic takes"),
            new Row(AuthorizationException.class, true, "AUTH_FAILED",
                    "the brokers do not authorize this client to write"),
            new Row(AuthenticationException.class, true, "AUTH_FAILED",
                    "the brokers refused to authenticate this client"),
            new Row(InvalidTopicException.class, true, "TOPIC_INVALID", "the brokers do not take the topic's name"),
            new Row(InvalidRecordException.class, true, "RECORD_INVALID", "the topic refused the record"),
            new Row(TimeoutException.class, false, "TIMEOUT", "the brokers did not acknowledge the record in time"),
            new Row(NetworkException.class, false, "CONNECTION_ERROR", "the connection to the brokers failed"),
            // the one a client's own fixed settings leave: no bootstrap host name resolves
            new Row(ConfigException.class, false, "CONNECTION_ERROR", "no client for the brokers can be made"));

    private ClassifyKafkaFailure() {
    }

    /**
     * The outcome of a send that failed with {@code error} (a {@link TimeoutException} without the topic check);
     * any other failure is the retryable {@code KAFKA_ERROR}, with the client's exception and its root cause.
     *
     * @param keyed whether the record had a key
     */
    static DeliveryOutcome failure(Throwable error, String servers, String topic, boolean keyed) {
        Throwable e = unwrap(error);
        String where = " (topic '" + topic + "' on " + servers + ")";
        for (Row row : TABLE) {
            Throwable found = find(e, row.type());
            if (found != null) {
                String message = row.what() + where + ": " + describe(found)
                        + (found instanceof InvalidRecordException && !keyed
                        ? " (the record had no key: a compacted topic takes only records with a key)" : "");
                return row.permanent() ? DeliveryOutcome.permanent(row.code(), message)
                        : DeliveryOutcome.retryable(row.code(), message);
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return DeliveryOutcome.retryable("KAFKA_ERROR", e.getClass().getSimpleName() + ": " + describe(e)
                + (root == e ? "" : " (" + root.getClass().getSimpleName() + ": " + describe(root) + ")") + where);
    }

    /**
     * The outcome of a send that timed out, once the cluster's admin client was asked to describe the topic.
     *
     * @param timeout       how the send timed out
     * @param describeError null when the topic exists; otherwise why describing it failed
     */
    static DeliveryOutcome afterTopicCheck(Throwable timeout, Throwable describeError, String servers, String topic) {
        if (describeError == null) {
            return failure(timeout, servers, topic, true);
        }
        Throwable e = unwrap(describeError);
        if (e instanceof UnknownTopicOrPartitionException) {
            return topicNotFound(servers, topic);
        }
        if (e instanceof RetriableException || !(e instanceof ApiException)) {
            return DeliveryOutcome.retryable("CONNECTION_ERROR", "the brokers at " + servers + " do not answer (topic '"
                    + topic + "'): " + describe(unwrap(timeout)) + "; describing the topic failed too: " + describe(e));
        }
        return DeliveryOutcome.retryable("TIMEOUT", "the brokers did not acknowledge the record in time (topic '"
                + topic + "' on " + servers + "): " + describe(unwrap(timeout)) + "; describing the topic failed: "
                + e.getClass().getSimpleName() + ": " + describe(e));
    }

    /** The topic does not exist, and sending to it does not create it. */
    static DeliveryOutcome topicNotFound(String servers, String topic) {
        return DeliveryOutcome.permanent("TOPIC_NOT_FOUND", "topic '" + topic + "' does not exist on " + servers
                + " (and the brokers do not create topics on first use)");
    }

    /** The exception itself, without the wrappers of futures. */
    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** {@code e} or its first cause of {@code type}: a producer failed for good wraps what failed it, for one. */
    private static Throwable find(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    /** The exception's message, without the full stop Kafka ends some with (more text may follow). */
    private static String describe(Throwable e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getMessage().strip();
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
}
