/**
 * The web console: its static assets (built by the console-ui module into {@code console/} on the class path)
 * served at {@code /}, client-side routes answered with the app, and the security headers of its pages. Signing
 * in is {@code auth}'s.
 */
package io.eventbus.control.console;
