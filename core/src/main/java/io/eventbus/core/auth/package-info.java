/**
 * Which API is whose: markers that tell the admin API from the API-key API (producers, queue consumers).
 * Checks live in each plane.
 */
package io.eventbus.core.auth;
