package io.eventbus.core.role;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.value.PropertyResolver;

/** Enables a bean only when this process runs {@link #role}. Stateless and thread-safe. */
abstract class RoleCondition implements Condition {

    private final Role role;

    RoleCondition(Role role) {
        this.role = role;
    }

    @Override
    @SuppressWarnings("rawtypes") // Condition declares the raw type; ConditionContext<?> would not override it
    public boolean matches(ConditionContext context) {
        if (!(context.getBeanContext() instanceof PropertyResolver properties)) {
            return true;
        }
        String list = properties.getProperty(Role.PROPERTY, String.class).orElse(null);
        boolean enabled = Role.parse(list).contains(role);
        if (!enabled) {
            context.fail("role " + role.label() + " is not in " + Role.PROPERTY + "=" + list);
        }
        return enabled;
    }

    /** Matches when the control role runs. */
    @Introspected
    public static final class Control extends RoleCondition {
        public Control() {
            super(Role.CONTROL);
        }
    }

    /** Matches when the data role runs. */
    @Introspected
    public static final class Data extends RoleCondition {
        public Data() {
            super(Role.DATA);
        }
    }
}
