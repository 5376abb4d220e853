/**
 * What must happen first when the process stops, before Micronaut destroys its beans.
 */
package io.eventbus.core.shutdown;
