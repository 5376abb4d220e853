/** Which API is whose: markers that tell the admin API from the producers' API. Checks live in each plane. */
package io.eventbus.core.auth;
