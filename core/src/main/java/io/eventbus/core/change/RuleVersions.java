package io.eventbus.core.change;

/**
 * Which version of a bus' rules, targets and connections this process works with. The control plane announces
 * every change of them ({@link ConfigChannel}); the process that holds the rules then makes a new version, so
 * whatever was read under an older one (a target, cached for deliveries) is read again.
 */
public interface RuleVersions {

    /**
     * An object that stays the same (by identity) exactly as long as {@code bus}' rules are not rebuilt; null when
     * this process holds no rules of {@code bus}.
     */
    Object version(String bus);
}
