/**
 * The PostgreSQL a process uses, prepared before the application context starts: the embedded one (start,
 * recovery after a crash, stop) or an operator's external one (checked once). Queries do not belong here.
 */
package io.eventbus.server.database;
