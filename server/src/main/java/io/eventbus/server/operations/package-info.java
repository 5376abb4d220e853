/**
 * Operations endpoints that Micronaut management does not give as the API contract wants them
 * ({@code /metrics} in Prometheus text format). Health comes from Micronaut management itself.
 */
package io.eventbus.server.operations;
