/**
 * The Java SDK of Eventbus. {@link io.eventbus.sdk.Eventbus} is the entry point: build one per endpoint and
 * credential, share it between threads, and put events with it.
 *
 * <p>Every type here is public contract: programs are written against these names. What is not meant for them
 * is package-private. Problems the server answers become {@link io.eventbus.sdk.EventbusException}s with the
 * server's {@code code}, {@code detail} and {@code location}.
 */
package io.eventbus.sdk;
