/**
 * Roles: which parts of Eventbus a process runs ({@code EVENTBUS_ROLES}). Beans of a role carry
 * {@link io.eventbus.core.role.ControlRole} or {@link io.eventbus.core.role.DataRole}; nothing else decides
 * whether a role is on. Role-specific behaviour itself does not belong here.
 */
package io.eventbus.core.role;
