package dev.runlock.containers;

import java.util.HashMap;
import java.util.Map;

/**
 * The containers of one test class, started on first use and stopped together. A container
 * that failed to start fails every case that needs it with the same cause.
 */
final class Guests implements AutoCloseable {
    private record Key(Userland userland, Confinement confinement) {
    }

    private final Install install;
    private final Map<Key, Guest> running = new HashMap<>();
    private final Map<Key, RuntimeException> broken = new HashMap<>();

    Guests(Install install) {
        this.install = install;
    }

    synchronized Guest get(Userland userland, Confinement confinement) {
        Key key = new Key(userland, confinement);
        RuntimeException failure = broken.get(key);
        if (failure != null) {
            throw new IllegalStateException("container " + userland.image() + " (" + confinement.label()
                    + ") did not start: " + failure.getMessage(), failure);
        }
        Guest guest = running.get(key);
        if (guest == null) {
            try {
                guest = Guest.start(userland, confinement, install);
            } catch (RuntimeException e) {
                broken.put(key, e);
                throw e;
            }
            running.put(key, guest);
        }
        return guest;
    }

    @Override
    public synchronized void close() {
        running.values().forEach(Guest::close);
        running.clear();
    }
}
