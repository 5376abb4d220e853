/**
 * Built-in queues as a control-plane resource: create, list, read with depth, delete. Sending to and
 * receiving from queues is the data plane's, not here.
 */
package io.eventbus.control.queue;
