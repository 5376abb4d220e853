package io.eventbus.data.ingest;

/**
 * Why one entry of a batch was refused; the other entries still succeed.
 *
 * @param errorCode    stable, e.g. {@code ValidationError}, {@code EntryTooLarge}
 * @param errorMessage what is wrong, for a person
 */
public record EntryError(String errorCode, String errorMessage) {
}
