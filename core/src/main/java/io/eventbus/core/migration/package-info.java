/**
 * Schema migration: the Flyway entry point and its start-up hook. The SQL itself lives in
 * {@code db/migration} resources of this module. No queries of features belong here.
 */
package io.eventbus.core.migration;
