/** Naming rules shared by every resource of both planes. */
package io.eventbus.core.name;
