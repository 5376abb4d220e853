/**
 * Input shaping: what a rule's target receives instead of the whole event, with EventBridge's semantics for a
 * constant {@code Input}, an {@code InputPath} and an {@code InputTransformer}. {@link
 * io.eventbus.core.transform.ShapeInput} is the entry point; it is a pure function of the stored shaping, the
 * event text and a {@link io.eventbus.core.transform.Context}.
 *
 * <p>Does not belong here: validating or storing a target's shaping (the control plane, with the shapes in
 * {@code io.eventbus.core.target}), delivering the result or classifying failures (the data plane's delivery
 * stage turns an {@link java.lang.IllegalArgumentException} from here into a permanent failure).
 */
package io.eventbus.core.transform;
