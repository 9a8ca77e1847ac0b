package dev.runlock.containers;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A Debian release whose minbase tree {@code images.sh} imports as a local image. */
enum Userland {
    /** Not usr-merged: its libraries live in /lib, apart from /usr/lib. */
    BULLSEYE,
    BOOKWORM,
    TRIXIE,
    SID;

    /** The userlands named in {@code -Dcontainers.userlands=bullseye,sid}; all when it is empty or unset. */
    static List<Userland> selected() {
        String names = System.getProperty("containers.userlands", "").strip();
        if (names.isEmpty()) {
            return List.of(values());
        }
        return Arrays.stream(names.split(",")).map(Userland::named).toList();
    }

    private static Userland named(String suite) {
        for (Userland userland : values()) {
            if (userland.suite().equals(suite.strip())) {
                return userland;
            }
        }
        throw new IllegalArgumentException("unknown userland in -Dcontainers.userlands: " + suite
                + " (known: bullseye, bookworm, trixie, sid)");
    }

    String suite() {
        return name().toLowerCase(Locale.ROOT);
    }

    String image() {
        return "runlock-test/debian:" + suite();
    }
}
