/**
 * The schema registry as a control-plane resource: JSON Schemas of events' {@code detail} with immutable numbered
 * versions, a compatibility setting that refuses breaking versions, and validation of a sample against a version.
 * The schema documents themselves (formats, limits, validation, compatibility) are {@code io.eventbus.core.schema}'s.
 */
package io.eventbus.control.schema;
