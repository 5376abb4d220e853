/**
 * Replays as a control-plane resource: a time window of an archive's events sent again through its bus's rules
 * (all, or the ones named). The control plane creates replays ({@code STARTING}) and asks for cancels
 * ({@code CANCELLING}); the data plane that holds a replay's lease replays it and moves it on
 * ({@link io.eventbus.core.replay.ReplayState}).
 */
package io.eventbus.control.replay;
