/**
 * Archives as a control-plane resource: which events of a bus are kept (an optional event pattern) and for how long,
 * with what each holds (count, event times, bytes on disk). The control plane creates an archive's partitions and
 * drops them with it; the data plane writes the archived events at ingest and drops expired days.
 */
package io.eventbus.control.archive;
