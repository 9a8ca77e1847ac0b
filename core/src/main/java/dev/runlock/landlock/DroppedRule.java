package dev.runlock.landlock;

import java.util.List;

/**
 * A rule whose purpose the ruleset's ABI cannot enforce: it asked for rights newer than the
 * kernel's ABI or the user's pin, so they are not restricted at all.
 *
 * @param rule the rule as requested
 * @param rights the asked-for rights it loses, in ABI order
 */
public record DroppedRule(Rule rule, List<LandlockBit> rights) {
    public DroppedRule {
        rights = List.copyOf(rights);
    }
}
