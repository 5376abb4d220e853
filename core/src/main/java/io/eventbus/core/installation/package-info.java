/** This installation's identity in EventBridge terms: account and region ({@link io.eventbus.core.installation.Installation}). */
package io.eventbus.core.installation;
