/**
 * What both planes' controllers need to read an HTTP request the same way: {@link io.eventbus.core.http.RequestBodies}
 * reads a body bound as a stream.
 *
 * <p>Does not belong here: authentication ({@code core.auth}), error answers ({@code core.problem}), anything that
 * knows a route.
 */
package io.eventbus.core.http;
