package io.eventbus.server.operations;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code GET /metrics}: every meter in the Prometheus text exposition format. Open without a token, like the
 * health endpoints, so a scraper needs no secret. Thread-safe.
 */
@Controller("/metrics")
final class PrometheusMetrics {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    PrometheusMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get(produces = CONTENT_TYPE)
    @ExecuteOn(TaskExecutors.BLOCKING)
    String scrape() {
        return registry.scrape();
    }
}
