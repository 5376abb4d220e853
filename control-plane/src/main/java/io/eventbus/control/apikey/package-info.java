/** API keys as a control-plane resource: create (secret shown once), list, read, revoke. */
package io.eventbus.control.apikey;
