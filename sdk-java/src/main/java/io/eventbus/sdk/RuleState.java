package io.eventbus.sdk;

/** Whether a rule matches events ({@code ENABLED}) or is kept but ignored ({@code DISABLED}). */
public enum RuleState {
    ENABLED,
    DISABLED
}
