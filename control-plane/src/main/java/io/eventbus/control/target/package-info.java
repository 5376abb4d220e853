/**
 * Targets of rules as the control plane accepts them: the request shape, one {@link
 * io.eventbus.control.target.TargetKind} per target type (the seam for new types), and validation with
 * EventBridge's rules. Storage is the rule's ({@code rule}); delivery is the data plane's.
 */
package io.eventbus.control.target;
