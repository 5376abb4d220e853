/**
 * Start-up failures an operator can fix (a bad setting, a taken port, an unreachable database). Any module may
 * throw one; the launcher prints its message as one line and exits non-zero.
 */
package io.eventbus.core.startup;
