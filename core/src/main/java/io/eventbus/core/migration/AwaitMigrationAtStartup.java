package io.eventbus.core.migration;

import io.eventbus.core.role.DataRole;
import io.eventbus.core.role.Role;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * In a process that runs the data role without the control role, holds the start until the schema is migrated,
 * at the moment the data source is created and before any other bean can use it. Such a process never
 * migrates: a process with the control role does ({@link MigrateAtStartup}). Until the wait is over the HTTP
 * server is not up, so nothing is served and no readiness probe passes; after
 * {@code eventbus.migration.wait-timeout} (default 10 minutes) the start fails with one line.
 */
@Singleton
@DataRole
final class AwaitMigrationAtStartup implements BeanCreatedEventListener<DataSource> {

    static final Duration POLL = Duration.ofSeconds(2);

    private final DataSourceResolver resolver;
    private final boolean controlRoleMigrates;
    private final Duration timeout;
    private final Clock clock;

    @Inject
    AwaitMigrationAtStartup(Optional<DataSourceResolver> resolver,
                            @Nullable @Value("${" + Role.PROPERTY + ":}") String roles,
                            @Value("${eventbus.migration.wait-timeout:10m}") Duration timeout, Clock clock) {
        this.clock = clock;
        this.resolver = resolver.orElse(DataSourceResolver.DEFAULT);
        this.controlRoleMigrates = Role.parse(roles).contains(Role.CONTROL);
        this.timeout = timeout;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        if (!controlRoleMigrates) {
            SchemaMigration.awaitMigrated(resolver.resolve(event.getBean()), timeout, POLL, clock);
        }
        return event.getBean();
    }
}
