/**
 * The delivery vocabulary shared by both planes: the state machine of a delivery. Workers, claims and
 * outcomes live in the data plane, not here.
 */
package io.eventbus.core.delivery;
