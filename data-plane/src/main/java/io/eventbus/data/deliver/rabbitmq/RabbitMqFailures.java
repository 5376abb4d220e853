package io.eventbus.data.deliver.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;
import io.eventbus.data.retry.DeliveryOutcome;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * What a RabbitMQ failure means for a delivery: a missing exchange (404 when it is declared or published to) and a
 * refused login are permanent; an unreachable or closed broker, and everything else, retry. Pure.
 */
final class RabbitMqFailures {

    private RabbitMqFailures() {
    }

    static DeliveryOutcome of(Throwable failure, String exchange) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException signal) {
                return ofShutdown(signal, exchange);
            }
            if (t instanceof com.rabbitmq.client.AuthenticationFailureException) {
                return DeliveryOutcome.permanent("AUTH_FAILED", "the broker refused the login: " + t.getMessage());
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return DeliveryOutcome.retryable("CONNECTION_ERROR", "the broker cannot be reached: " + describe(t));
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return DeliveryOutcome.retryable("TIMEOUT", "the broker did not answer in time");
            }
        }
        return DeliveryOutcome.retryable("CONNECTION_ERROR", describe(failure));
    }

    private static DeliveryOutcome ofShutdown(ShutdownSignalException signal, String exchange) {
        if (signal.getReason() instanceof AMQP.Channel.Close close) {
            if (close.getReplyCode() == AMQP.NOT_FOUND) {
                return DeliveryOutcome.permanent("EXCHANGE_NOT_FOUND", "exchange '" + exchange + "' does not exist: "
                        + close.getReplyText());
            }
            if (close.getReplyCode() == AMQP.ACCESS_REFUSED) {
                return DeliveryOutcome.permanent("ACCESS_REFUSED", close.getReplyText());
            }
            return DeliveryOutcome.retryable("CHANNEL_CLOSED", close.getReplyCode() + " " + close.getReplyText());
        }
        return DeliveryOutcome.retryable("CONNECTION_ERROR", "the connection to the broker closed: "
                + describe(signal));
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
