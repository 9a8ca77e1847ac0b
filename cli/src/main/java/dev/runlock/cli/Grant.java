package dev.runlock.cli;

import dev.runlock.landlock.AccessNet;
import dev.runlock.landlock.RestrictFlag;
import dev.runlock.sandbox.Intent;
import dev.runlock.sandbox.Policy;

/** What a {@link Setting} does to the policy. */
sealed interface Grant {
    /** Each path given is granted with {@code intent}. */
    record Paths(Intent intent) implements Grant {
    }

    /** Each port or range given is granted {@code access}. */
    record Ports(AccessNet access) implements Grant {
    }

    /** A boolean setting: when on, it changes the policy. */
    sealed interface Switch extends Grant {
        void enable(Policy.Builder policy);
    }

    /** Leaves an area unrestricted. */
    record Unrestricted(Policy.Area area) implements Switch {
        @Override
        public void enable(Policy.Builder policy) {
            policy.unrestrict(area);
        }
    }

    /** Sets an audit flag of {@code restrict_self}. */
    record LogFlag(RestrictFlag flag) implements Switch {
        @Override
        public void enable(Policy.Builder policy) {
            policy.log(flag);
        }
    }

    /** Skips granted paths that do not exist. */
    record IgnoreMissing() implements Switch {
        @Override
        public void enable(Policy.Builder policy) {
            policy.ignoreMissing();
        }
    }

    /** Lets the command keep runlock's capabilities. */
    record KeepCapabilities() implements Switch {
        @Override
        public void enable(Policy.Builder policy) {
            policy.keepCapabilities();
        }
    }
}
