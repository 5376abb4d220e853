package io.eventbus.control.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.bus.BusStore;
import io.eventbus.core.name.Names;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.eventbus.core.target.BusConfig;
import io.eventbus.core.target.TargetType;
import jakarta.inject.Singleton;

/**
 * Targets that put the event on another bus of this installation, which must exist; that bus' rules, archives and
 * schemas then apply. The event is forwarded as it is, so such a target shapes no input.
 */
@Singleton
@ControlRole
final class BusKind implements TargetKind {

    private final BusStore buses;
    private final ObjectMapper json;

    BusKind(BusStore buses, ObjectMapper json) {
        this.buses = buses;
        this.json = json;
    }

    @Override
    public TargetType<BusConfig> stored() {
        return BusConfig.TYPE;
    }

    @Override
    public Object block(TargetRequest request) {
        return request.bus();
    }

    @Override
    public boolean shapesInput() {
        return false;
    }

    @Override
    public JsonNode validate(Object block, String location) {
        TargetRequest.Bus bus = (TargetRequest.Bus) block;
        String name = Names.require(location + ".name", bus.name());
        if (buses.find(name).isEmpty()) {
            throw new ValidationError(location + ".name", "bus '" + name + "' does not exist; create it first");
        }
        return json.valueToTree(new BusConfig(name, Rates.check(bus.rateLimitPerSecond(), location)));
    }

    @Override
    public String destination(JsonNode config) {
        return "bus '" + BusConfig.TYPE.parse(config).name() + "', as a new event with one more hop-count";
    }

    @Override
    public JsonNode view(JsonNode config, boolean revealSecrets) {
        return config;
    }
}
