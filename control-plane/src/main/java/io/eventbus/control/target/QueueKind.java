package io.eventbus.control.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.queue.QueueStore;
import io.eventbus.core.name.Names;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.eventbus.core.target.QueueConfig;
import io.eventbus.core.target.TargetType;
import jakarta.inject.Singleton;

/** Targets that put events on a built-in queue, which must exist. */
@Singleton
@ControlRole
final class QueueKind implements TargetKind {

    private final QueueStore queues;
    private final ObjectMapper json;

    QueueKind(QueueStore queues, ObjectMapper json) {
        this.queues = queues;
        this.json = json;
    }

    @Override
    public TargetType<QueueConfig> stored() {
        return QueueConfig.TYPE;
    }

    @Override
    public Object block(TargetRequest request) {
        return request.queue();
    }

    @Override
    public JsonNode validate(Object block, String location) {
        TargetRequest.Queue queue = (TargetRequest.Queue) block;
        String name = Names.require(location + ".name", queue.name());
        if (queues.idOf(name).isEmpty()) {
            throw new ValidationError(location + ".name", "queue '" + name + "' does not exist; create it first");
        }
        return json.valueToTree(new QueueConfig(name));
    }

    @Override
    public JsonNode view(JsonNode config, boolean revealSecrets) {
        return config;
    }
}
