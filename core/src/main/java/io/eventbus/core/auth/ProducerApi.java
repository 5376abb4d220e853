package io.eventbus.core.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of producers (event ingestion): it authenticates callers by API key itself, so the admin
 * token check of {@code /v1/**} leaves its routes alone. Every other {@code /v1} route needs the admin token.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ProducerApi {
}
