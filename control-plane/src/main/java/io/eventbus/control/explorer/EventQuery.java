package io.eventbus.control.explorer;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * The explorer's query string as it arrives, every value optional and unchecked; {@link ListEvents#filter} checks
 * it and says which parameter is wrong.
 */
@Introspected
record EventQuery(
        @Parameter(description = "an event id: the event as it was put and the copies replays stored of it")
        @QueryValue @Nullable String id,
        @QueryValue @Nullable String bus,
        @Parameter(description = "the start of the source, in any case: shop finds shop.orders and Shop.Users")
        @QueryValue @Nullable String source,
        @Parameter(description = "the start of the detail-type, in any case")
        @QueryValue @Nullable String detailType,
        @Parameter(description = "ingested at or after, RFC 3339")
        @QueryValue @Nullable String from,
        @Parameter(description = "ingested before, RFC 3339")
        @QueryValue @Nullable String to,
        @Parameter(description = "the copies this replay stored")
        @QueryValue @Nullable String replay,
        @Parameter(description = "a field of the event by its dotted path (detail.order.id, detail.items.0.sku),"
                + " compared with value")
        @QueryValue @Nullable String field,
        @Parameter(description = "what field must equal: its text, so 42 finds the number 42 and the string \"42\"")
        @QueryValue @Nullable String value,
        @Parameter(description = "failed (RETRYABLE or DEAD_LETTERED), dead-lettered, pending (not finished) or"
                + " delivered: events with at least one such delivery")
        @QueryValue @Nullable String delivery,
        @Parameter(description = "events with a delivery of this rule")
        @QueryValue @Nullable String rule,
        @Parameter(description = "events with a delivery to this target id")
        @QueryValue @Nullable String target,
        @Parameter(description = "1-200, 50 when absent")
        @QueryValue @Nullable Integer limit,
        @Parameter(description = "the next of the previous page")
        @QueryValue @Nullable String before) {
}
