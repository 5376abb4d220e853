/**
 * The Eventbus home directory ({@code EVENTBUS_HOME}): its layout, its marker and its lock. What is stored in
 * it (database, token) is decided by the users of these paths, not here.
 */
package io.eventbus.server.home;
