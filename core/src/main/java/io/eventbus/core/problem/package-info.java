/**
 * Errors as RFC 9457 problem+json, for both planes: the exception hierarchy ({@link
 * io.eventbus.core.problem.EventbusException} and its subclasses, one status and code each) and the one
 * mapping to responses ({@link io.eventbus.core.problem.ProblemResponses}, plus the framework's own errors).
 * This is the only HTTP in core (docs/adr/0003). Feature-specific validation does not belong here.
 */
package io.eventbus.core.problem;
