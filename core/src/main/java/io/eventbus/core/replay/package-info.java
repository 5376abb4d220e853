/**
 * The replay vocabulary shared by both planes: the state machine of a replay. Creating replays is the control
 * plane's, running them the data plane's; neither lives here.
 */
package io.eventbus.core.replay;
