/**
 * Schema migration: the Flyway entry point and its start-up hooks (a process with the control role migrates, a
 * data-only process waits until that is done). The SQL itself lives in {@code db/migration} resources of this
 * module. No queries of features belong here.
 */
package io.eventbus.core.migration;
