/**
 * Built-in queues as a control-plane resource: create, list, read with depth, delete; and an operator's view of
 * their messages (peek, purge, redrive a dead letter to its target as a new delivery). Sending to and receiving
 * from queues is the data plane's, not here.
 */
package io.eventbus.control.queue;
