package io.eventbus.server.support;

import java.util.Map;

/**
 * A {@code @MicronautTest} of the whole server whose webhooks go to receivers on this machine: private addresses
 * allowed (the egress check refuses them by default), and the delivery poller looking for due retries every 100 ms
 * rather than every second.
 */
public interface WithLocalReceivers extends WithAdminToken {

    @Override
    default Map<String, String> getProperties() {
        return propertiesWith("eventbus.admin.token", ADMIN_TOKEN,
                "eventbus.delivery.allow-private-networks", "true",
                "eventbus.delivery.idle-poll", "100ms");
    }
}
