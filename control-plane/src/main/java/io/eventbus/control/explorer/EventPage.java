package io.eventbus.control.explorer;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A page of events, newest first; {@code next} is the {@code before} of the following page, absent at the end. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventPage(List<EventSummary> events, String next) {
}
