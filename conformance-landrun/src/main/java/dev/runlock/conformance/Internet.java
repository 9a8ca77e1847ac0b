package dev.runlock.conformance;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Whether this machine has a route to the internet: probed once, bounded to a few seconds. */
final class Internet {
    private static final int TIMEOUT_MS = 3000;
    private static final CompletableFuture<Boolean> PROBE = CompletableFuture.supplyAsync(Internet::connect);

    private Internet() {
    }

    static boolean available() {
        try {
            return PROBE.get(2L * TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception noRoute) {
            return false;
        }
    }

    /** The host the internet cases themselves reach first. */
    private static boolean connect() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("example.com", 443), TIMEOUT_MS);
            return true;
        } catch (Exception noRoute) {
            return false;
        }
    }
}
