package io.eventbus.core.migration;

import io.eventbus.core.role.ControlRole;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.util.Optional;

/**
 * Migrates each data source the moment it is created, before any other bean can use it, in a process running
 * the control role. Processes that run only the data role wait for it instead ({@link AwaitMigrationAtStartup};
 * docs/adr/0009).
 */
@Singleton
@ControlRole
final class MigrateAtStartup implements BeanCreatedEventListener<DataSource> {

    private final DataSourceResolver resolver;

    MigrateAtStartup(Optional<DataSourceResolver> resolver) {
        this.resolver = resolver.orElse(DataSourceResolver.DEFAULT);
    }

    /**
     * Migrates through the pool itself, not through a transaction-aware wrapper that other listeners may have
     * put around it: such a wrapper needs this very bean, which is still being created.
     */
    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        SchemaMigration.migrate(resolver.resolve(event.getBean()));
        return event.getBean();
    }
}
