/** How Eventbus reads and writes JSON on its APIs: one strict configuration of the shared mapper. */
package io.eventbus.core.json;
