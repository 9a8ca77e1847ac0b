package dev.runlock.sandbox;

import dev.runlock.landlock.AccessFs;
import dev.runlock.landlock.AccessNet;
import dev.runlock.landlock.LandlockBit;
import dev.runlock.landlock.PathRule;
import dev.runlock.landlock.PortRule;
import dev.runlock.landlock.RestrictFlag;
import dev.runlock.landlock.Ruleset;
import dev.runlock.landlock.RulesetRequest;
import dev.runlock.landlock.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns a policy into the ruleset it asks for: where rights come from. */
public final class Rulesets {
    private Rulesets() {
    }

    /**
     * @throws PolicyException naming a granted path that does not exist, unless the policy
     *                         ignores missing paths
     */
    public static RulesetRequest request(Policy policy) throws PolicyException {
        Set<Policy.Area> unrestricted = policy.unrestricted();
        Set<AccessFs> fs = unrestricted.contains(Policy.Area.FILESYSTEM) ? Set.of() : AccessFs.upTo(policy.target());
        Set<AccessNet> net = unrestricted.contains(Policy.Area.NETWORK) ? Set.of() : AccessNet.upTo(policy.target());
        Set<Scope> scopes = unrestricted.contains(Policy.Area.SCOPES) ? Set.of() : Scope.upTo(policy.target());
        Set<RestrictFlag> flags = policy.logFlags();
        Set<LandlockBit> asked = new HashSet<>(flags);
        Set<LandlockBit> optional = new HashSet<>();

        List<PathRule> pathRules = new ArrayList<>();
        if (!fs.isEmpty()) {
            for (PathGrant grant : policy.paths()) {
                Path path = grant.path();
                if (!Files.exists(path)) {
                    if (policy.ignoreMissing()) {
                        continue;
                    }
                    throw new PolicyException(grant);
                }
                boolean directory = Files.isDirectory(path);
                Set<AccessFs> rights = grant.intent().rights(directory);
                if (rights.isEmpty()) {
                    continue; // listing a file: there is nothing to list
                }
                // Rights newer than the target stay in the rule: Downgrade reports the ones it was for.
                pathRules.add(new PathRule(path, directory, rights, grant.origin()));
                grant.intent().purpose().stream().filter(rights::contains)
                        .forEach((grant.optional() ? optional : asked)::add);
            }
        }
        List<PortRule> portRules = List.of();
        if (!unrestricted.contains(Policy.Area.NETWORK)) {
            portRules = portRules(policy.ports());
            policy.ports().forEach(grant -> (grant.optional() ? optional : asked).add(grant.access()));
        }
        return new RulesetRequest(policy.target(), policy.promised(), policy.compat(),
                new Ruleset(fs, net, scopes, flags, pathRules, portRules), asked, optional);
    }

    /**
     * One rule per port and origin, with every right that origin grants on it; ranges are expanded.
     * Per origin, so a dropped right is reported under the grant that asked for it ({@code --connect-udp
     * 53}), not under another granting the same port ({@code preset dns}'s TCP 53).
     */
    private static List<PortRule> portRules(List<PortGrant> grants) {
        Map<Integer, Map<String, EnumSet<AccessNet>>> byPort = new TreeMap<>();
        for (PortGrant grant : grants) {
            for (int port = grant.range().from(); port <= grant.range().to(); port++) {
                byPort.computeIfAbsent(port, p -> new LinkedHashMap<>())
                        .computeIfAbsent(grant.origin(), o -> EnumSet.noneOf(AccessNet.class)).add(grant.access());
            }
        }
        List<PortRule> rules = new ArrayList<>(byPort.size());
        byPort.forEach((port, origins) -> origins.forEach((origin, access) -> rules.add(new PortRule(access, port, origin))));
        return rules;
    }
}
