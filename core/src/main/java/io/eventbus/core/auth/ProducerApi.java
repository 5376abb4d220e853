package io.eventbus.core.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller whose callers hold API keys rather than the admin token: producers (event ingestion) and
 * queue consumers (send, receive, delete messages). It authenticates callers by API key itself, so the admin
 * token check of {@code /v1/**} leaves its routes alone. Every other {@code /v1} route needs the admin token.
 * (The name is from when producers were the only such callers; see docs/adr/0005.)
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ProducerApi {
}
