package io.eventbus.control.auth;

import io.micronaut.http.HttpRequest;

/**
 * Who made a control-plane request, for the audit log. With one admin token there is one principal; the
 * client address tells callers apart.
 */
public record Caller(String name) {

    public static Caller of(HttpRequest<?> request) {
        return new Caller("admin@" + request.getRemoteAddress().getAddress().getHostAddress());
    }
}
