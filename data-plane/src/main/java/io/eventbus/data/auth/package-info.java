/**
 * Who may call the data plane's API-key routes ({@link io.eventbus.core.auth.ProducerApi}): the API key of a
 * request and its scopes, buses for producers and queues for queue consumers; and who may put events
 * ({@link io.eventbus.data.auth.AllowPutEvents}): such a key, or the admin, whose credentials are checked by
 * {@code core.auth.AdminCredentials} like in the control plane. Keys are issued by the control plane; the only
 * thing written here is when a key was last used ({@code RecordKeyUse}: to the minute, in batches).
 */
package io.eventbus.data.auth;
