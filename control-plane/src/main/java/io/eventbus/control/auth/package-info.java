/**
 * Authentication of control-plane callers: the filter that requires the admin's credentials on {@code /v1/**},
 * the console's sign-in ({@code /v1/session}) and who made a change, for the audit log. The admin token, the
 * console session and the check of a request for them are in {@code core.auth}, shared with ingest; API keys of
 * producers are a feature of their own ({@code apikey}), not here.
 */
package io.eventbus.control.auth;
