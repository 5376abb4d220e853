/**
 * Who is calling: the markers that tell the admin API from the API-key API (producers, queue consumers), and the
 * admin's credentials that both planes accept: the admin token, the console session derived from it, and
 * {@link io.eventbus.core.auth.AdminCredentials}, the one check of a request for them (docs/adr/0010). API keys
 * are checked in the data plane ({@code data.auth}); what a credential may do is decided by each plane.
 */
package io.eventbus.core.auth;
