/**
 * Secrets at rest: {@link io.eventbus.core.secret.Secrets} encrypts what the control plane stores (webhook
 * signing secrets, connection passwords, API key values, OAuth client secrets) and decrypts it where the data
 * plane needs it, with one key per installation ({@code EVENTBUS_SECRET_KEY}, else generated into the home).
 * What is secret, and when it is shown, is decided by the features that hold secrets, not here.
 */
package io.eventbus.core.secret;
