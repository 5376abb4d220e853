/** API keys of producers: how secrets are made and hashed, shared by the plane that issues and the one that checks. */
package io.eventbus.core.apikey;
