/**
 * Who may call the data plane's API-key routes ({@link io.eventbus.core.auth.ProducerApi}): the API key of a
 * request and its scopes, buses for producers and queues for queue consumers. Keys are issued by the control
 * plane; nothing here writes them.
 */
package io.eventbus.data.auth;
