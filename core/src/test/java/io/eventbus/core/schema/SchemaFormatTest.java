package io.eventbus.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The wire names of the formats and which compatibility modes are transitive. */
class SchemaFormatTest {

    @Test
    void findsAFormatByItsExactWireName() {
        assertThat(SchemaFormat.fromWireName("JSONSchemaDraft4")).contains(SchemaFormat.JSON_SCHEMA_DRAFT4);
        assertThat(SchemaFormat.fromWireName("JSONSchema2020-12")).contains(SchemaFormat.JSON_SCHEMA_2020_12);
        assertThat(SchemaFormat.fromWireName("jsonschemadraft4")).isEmpty();
        assertThat(SchemaFormat.fromWireName("JSON_SCHEMA_DRAFT4")).isEmpty();
        assertThat(SchemaFormat.fromWireName("OpenApi3")).isEmpty();
        assertThat(SchemaFormat.fromWireName(null)).isEmpty();
    }

    @Test
    void onlyTheTransitiveModesLookAtEveryVersion() {
        assertThat(Arrays.stream(Compatibility.values()).filter(Compatibility::transitive))
                .containsExactly(Compatibility.BACKWARD_TRANSITIVE, Compatibility.FORWARD_TRANSITIVE,
                        Compatibility.FULL_TRANSITIVE);
    }
}
