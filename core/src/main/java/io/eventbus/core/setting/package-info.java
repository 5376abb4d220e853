/**
 * How settings are named to users: the environment variable of a configuration property
 * ({@link io.eventbus.core.setting.EnvironmentVariable}). The settings themselves live with the feature they
 * configure ({@code eventbus.ingest.*} in the data plane's ingest, {@code eventbus.rules.*} in the control plane's
 * rules).
 */
package io.eventbus.core.setting;
