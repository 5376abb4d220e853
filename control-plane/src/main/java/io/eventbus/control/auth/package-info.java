/**
 * Authentication of control-plane callers: the admin token and, later, the filter that checks it. API keys of
 * producers are a feature of their own ({@code apikey}), not here.
 */
package io.eventbus.control.auth;
