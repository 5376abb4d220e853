/**
 * The launcher: settings read before the context exists, start and stop order, the banner. Features and
 * pipeline stages do not belong here; they live in the control-plane and data-plane modules.
 */
package io.eventbus.server;
