/** Event buses as a control-plane resource: API, storage, settings. Rules on a bus live in {@code rule}. */
package io.eventbus.control.bus;
