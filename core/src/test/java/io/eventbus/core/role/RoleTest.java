package io.eventbus.core.role;

import io.eventbus.core.auth.AdminToken;
import io.eventbus.core.secret.Secrets;
import io.eventbus.core.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoleTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''              | control,data",
            "control         | control",
            "data            | data",
            "' Data , CONTROL' | control,data",
            "control,control | control",
    })
    void parsesRoleLists(String list, String expected) {
        assertThat(Role.format(Role.parse(list))).isEqualTo(expected);
    }

    @Test
    void namesAnUnknownRole() {
        assertThatThrownBy(() -> Role.parse("control,ingest"))
                .hasMessageContaining("unknown role 'ingest'")
                .hasMessageContaining("valid roles: control, data");
    }

    @Test
    void refusesAListWithoutRoles() {
        assertThatThrownBy(() -> Role.parse(" , ")).hasMessageContaining("names no role");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "control,data | true  | true",
            "control      | true  | false",
            "data         | false | true",
    })
    void beansOfARoleExistOnlyWhenTheRoleRuns(String roles, boolean control, boolean data) {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(Role.PROPERTY, roles,
                Secrets.PROPERTY, TestDatabase.SECRET_KEY, AdminToken.PROPERTY, TestDatabase.ADMIN_TOKEN))) {
            assertThat(ctx.containsBean(ControlBean.class)).isEqualTo(control);
            assertThat(ctx.containsBean(DataBean.class)).isEqualTo(data);
        }
    }

    @Test
    void withoutConfigurationEveryRoleRuns() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(Secrets.PROPERTY, TestDatabase.SECRET_KEY,
                AdminToken.PROPERTY, TestDatabase.ADMIN_TOKEN))) {
            assertThat(ctx.containsBean(ControlBean.class)).isTrue();
            assertThat(ctx.containsBean(DataBean.class)).isTrue();
        }
    }

    @Singleton
    @ControlRole
    static class ControlBean {
    }

    @Singleton
    @DataRole
    static class DataBean {
    }
}
