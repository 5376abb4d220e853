/**
 * Test support shared by every module through core's test-jar: the one real PostgreSQL of a test JVM and
 * its cleaning between tests. Never used by production code.
 */
package io.eventbus.core.testing;
