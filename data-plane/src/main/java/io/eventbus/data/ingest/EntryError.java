package io.eventbus.data.ingest;

import io.micronaut.core.annotation.Nullable;

/**
 * Why one entry of a batch was refused; the other entries still succeed.
 *
 * @param errorCode    stable, e.g. {@code ValidationError}, {@code EntryTooLarge}
 * @param errorMessage what is wrong, for a person
 * @param location     the field of the entry it is about ({@code source}, {@code detail}, {@code resources[2]}), when
 *                     there is one: what the console shows the problem at
 */
public record EntryError(String errorCode, String errorMessage, @Nullable String location) {
}
