/**
 * Rules as a control-plane resource: create-or-replace with validated patterns and targets, list, read,
 * delete, and their limits. Matching events against rules is the data plane's.
 */
package io.eventbus.control.rule;
