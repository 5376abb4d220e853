package io.eventbus.core.schema;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generated records compile with javac, and Jackson reads a detail into them. */
class JavaRecordsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String ORDER = """
            {"$schema": "http://json-schema.org/draft-04/schema#", "type": "object",
             "definitions": {"money": {"type": "object", "properties": {"amount": {"type": "number"},
                                                                          "currency": {"type": "string"}},
                                        "required": ["amount"]}},
             "properties": {"orderId": {"type": "string"}, "count": {"type": "integer"}, "paid": {"type": "boolean"},
                            "total": {"$ref": "#/definitions/money"}, "refund": {"$ref": "#/definitions/money"},
                            "customer": {"type": "object", "properties": {"id": {"type": "string"},
                                                                           "vip-level": {"type": "integer"}}},
                            "items": {"type": "array", "items": {"type": "object",
                                      "properties": {"sku": {"type": "string"}, "class": {"type": "string"}}}},
                            "tags": {"type": "array", "items": {"type": "string"}},
                            "extra": {"type": "object"}, "either": {"type": ["string", "number"]},
                            "placedAt": {"type": "string", "format": "date-time"},
                            "1st-choice": {"type": "string"}},
             "required": ["orderId", "count"]}""";

    @Test
    void compilesAndJacksonReadsADetailIntoTheRecords(@TempDir Path dir) throws Exception {
        String source = JavaRecords.of("shop.orders@OrderPlaced", 3, JSON.readTree(ORDER), "com.example.events");

        assertThat(source).startsWith("package com.example.events;").contains("public record OrderPlaced(")
                .contains("version 3").contains("@JsonProperty(\"vip-level\") Long vipLevel")
                .contains("@JsonProperty(\"class\") String class_").contains("long count").contains("Boolean paid")
                .contains("Money total").contains("Money refund").contains("OffsetDateTime placedAt")
                .contains("List<String> tags").contains("Map<String, Object> extra").contains("Object either")
                .contains("@JsonProperty(\"1st-choice\") String _1stChoice");
        ClassLoader loader = compile(dir, "com/example/events/OrderPlaced.java", source);

        Class<?> type = loader.loadClass("com.example.events.OrderPlaced");
        Object order = JSON.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue("""
                {"orderId": "o-1", "count": 2, "total": {"amount": 12.5, "currency": "EUR"},
                 "customer": {"id": "c-1", "vip-level": 3}, "items": [{"sku": "a", "class": "x"}], "1st-choice": "z"}""",
                type);
        JsonNode back = JSON.valueToTree(order);
        assertThat(back.path("orderId").asText()).isEqualTo("o-1");
        assertThat(back.path("total").path("amount").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(back.path("customer").path("vip-level").asInt()).isEqualTo(3);
        assertThat(back.path("items").get(0).path("class").asText()).isEqualTo("x");
        assertThat(back.path("1st-choice").asText()).isEqualTo("z");
    }

    @Test
    void anEmptyOrOddSchemaStillCompilesInTheDefaultPackage(@TempDir Path dir) throws Exception {
        String source = JavaRecords.of("odd@", 1, JSON.readTree("{\"type\": \"object\"}"), null);

        assertThat(source).contains("public record Detail()");
        compile(dir, "Detail.java", source);
    }

    @Test
    void refusesAPackageThatIsNoJavaName() {
        assertThatThrownBy(() -> JavaRecords.of("a@B", 1, JSON.createObjectNode(), "com.Example"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("package");
        assertThatThrownBy(() -> JavaRecords.of("a@B", 1, JSON.createObjectNode(), "com.class"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ClassLoader compile(Path dir, String file, String source) throws Exception {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, source, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, "-d", dir.resolve("classes").toString(),
                "-classpath", System.getProperty("java.class.path"), path.toString());
        assertThat(status).as(errors.toString(StandardCharsets.UTF_8) + "\n" + source).isZero();
        return new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()},
                JavaRecordsTest.class.getClassLoader());
    }

    @Test
    void javaNamesOfJsonNames() {
        assertThat(JavaRecords.memberName("order_id")).isEqualTo("orderId");
        assertThat(JavaRecords.memberName("default")).isEqualTo("default_");
        assertThat(JavaRecords.memberName("---")).isEqualTo("value");
        assertThat(JavaRecords.typeName("line-items", "X")).isEqualTo("LineItems");
        assertThat(List.of(JavaRecords.typeName("", "Fallback"))).containsExactly("Fallback");
    }
}
