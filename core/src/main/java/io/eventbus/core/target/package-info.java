/**
 * Targets as both planes see them: the stored shape of each target type's settings, retry policies and input
 * shaping. The control plane validates and writes them; the data plane reads them to deliver. Delivery
 * itself does not belong here.
 */
package io.eventbus.core.target;
