/**
 * Change propagation between the processes of one installation (PostgreSQL NOTIFY): the channel, its payloads,
 * and the one listening thread of each process that hands them to the beans that care (the data plane's rules,
 * every process' revoked console sessions).
 */
package io.eventbus.core.change;
