/** The audit log of control-plane changes: writing it inside each change's transaction, and reading it. */
package io.eventbus.control.audit;
