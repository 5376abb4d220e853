/** Configuration change propagation from the control plane to the data plane (PostgreSQL NOTIFY). */
package io.eventbus.core.change;
