/** The OpenAPI document's definition (title, version, security scheme). Routes document themselves. */
package io.eventbus.control.openapi;
