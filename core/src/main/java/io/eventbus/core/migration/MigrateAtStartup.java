package io.eventbus.core.migration;

import io.eventbus.core.role.ControlRole;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/**
 * Migrates each data source the moment it is created, before any other bean can use it, in a process running
 * the control role. Data-plane-only processes expect the schema to be in place (the Helm chart migrates with a
 * Job before it starts them).
 */
@Singleton
@ControlRole
final class MigrateAtStartup implements BeanCreatedEventListener<DataSource> {

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        SchemaMigration.migrate(event.getBean());
        return event.getBean();
    }
}
