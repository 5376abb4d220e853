package io.eventbus.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.path.PathType;
import com.networknt.schema.regex.JDKRegularExpressionFactory;
import com.networknt.schema.resource.SchemaLoader;
import java.util.List;

/**
 * The JSON Schema validator (networknt json-schema-validator) configured once per format. Thread-safe: the
 * registries and the compiled meta-schema are shared by all threads.
 *
 * <p>Configured so that it
 * <ul>
 *   <li>never loads anything from a URL: the loader has no network resource loader and its allow-list admits
 *       only the JSON Schema meta-schemas, which ship in the library's jar and are read from the class path.
 *       A {@code $ref}, {@code $id}/{@code id} or {@code $schema} naming any other address fails to compile
 *       instead of being fetched;</li>
 *   <li>matches {@code pattern} with {@link java.util.regex.Pattern} (the library could also use joni or GraalJS
 *       for ECMA-262 regexes; neither is on the class path): the shapes {@link SafeRegex} refuses are the
 *       ones that make this engine backtrack catastrophically;</li>
 *   <li>asserts {@code format} ({@code date-time}, {@code email}, ...) in both drafts, so a schema that says
 *       {@code date-time} gets date-times; 2020-12 would otherwise only annotate;</li>
 *   <li>treats keywords it does not know (EventBridge's {@code x-amazon-...}, OpenAPI's {@code components}) as
 *       annotations, quietly: they do not constrain anything;</li>
 *   <li>caches no user schema by its {@code $id}, so two schemas with the same {@code $id} never see each
 *       other.</li>
 * </ul>
 */
final class JsonSchemaEngine {

    private static final SchemaLoader LOCAL_ONLY = SchemaLoader.builder()
            .fetchRemoteResources(false)
            .allow(JsonSchemaEngine::isMetaSchema)
            .build();

    private static final SchemaRegistryConfig CONFIG = SchemaRegistryConfig.builder()
            .regularExpressionFactory(JDKRegularExpressionFactory.getInstance())
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_POINTER)
            .build();

    private static final JsonSchemaEngine DRAFT4 = new JsonSchemaEngine(SpecificationVersion.DRAFT_4,
            Dialects.getDraft4());
    private static final JsonSchemaEngine DRAFT_2020_12 = new JsonSchemaEngine(SpecificationVersion.DRAFT_2020_12,
            Dialects.getDraft202012());

    private final SchemaRegistry userSchemas;
    private final Schema metaSchema;

    private JsonSchemaEngine(SpecificationVersion version, Dialect standard) {
        Dialect quiet = Dialect.builder(standard)
                .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
                .build();
        this.userSchemas = SchemaRegistry.withDialect(quiet, builder -> builder
                .schemaLoader(LOCAL_ONLY)
                .schemaRegistryConfig(CONFIG)
                .schemaCacheEnabled(false));
        SchemaRegistry metaSchemas = SchemaRegistry.withDialect(quiet, builder -> builder
                .schemaLoader(LOCAL_ONLY)
                .schemaRegistryConfig(CONFIG));
        this.metaSchema = metaSchemas.getSchema(SchemaLocation.of(version.getDialectId()));
        this.metaSchema.initializeValidators();
    }

    static JsonSchemaEngine of(SchemaFormat format) {
        return switch (format) {
            case JSON_SCHEMA_DRAFT4 -> DRAFT4;
            case JSON_SCHEMA_2020_12 -> DRAFT_2020_12;
        };
    }

    /** The meta-schema's complaints about {@code document}; empty when it is a valid schema of this draft. */
    List<com.networknt.schema.Error> metaSchemaErrors(JsonNode document) {
        return metaSchema.validate(document);
    }

    /**
     * The document compiled, every reference resolved.
     *
     * @throws com.networknt.schema.SchemaException when it cannot be compiled (e.g. a reference to nothing)
     */
    Schema compile(JsonNode document) {
        Schema schema = userSchemas.getSchema(document);
        schema.initializeValidators();
        return schema;
    }

    private static boolean isMetaSchema(AbsoluteIri iri) {
        String address = iri.toString();
        return address.startsWith("https://json-schema.org/draft") || address.startsWith("http://json-schema.org/draft");
    }
}
