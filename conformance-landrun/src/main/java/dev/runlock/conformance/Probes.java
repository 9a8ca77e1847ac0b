package dev.runlock.conformance;

/**
 * python3 scripts that try one operation inside the sandbox. Each exits 0 when the operation
 * works, with its own status when the kernel refuses it with the errno of the denial it probes
 * (Landlock's EACCES, EPERM for scopes, EXDEV for refer), and with a traceback (status 1, as
 * runlock's own failures) on anything else: a denial cannot be mistaken for another failure.
 */
final class Probes {
    static final String PYTHON = "/usr/bin/python3";

    static final int TCP_CONNECT_DENIED = 10;
    static final int BIND_DENIED = 11;
    static final int UDP_SEND_DENIED = 12;
    static final int UNIX_CONNECT_DENIED = 13;
    static final int ABSTRACT_CONNECT_DENIED = 14;
    static final int SIGNAL_DENIED = 15;
    static final int TRUNCATE_DENIED = 16;
    static final int LINK_DENIED = 17;
    static final int IOCTL_DENIED = 18;

    private Probes() {
    }

    static String connect(int port) {
        return probe("", "socket.create_connection(('127.0.0.1', %d), timeout=2).close()".formatted(port), "EACCES",
                TCP_CONNECT_DENIED);
    }

    /** Binds a TCP ({@code SOCK_STREAM}) or UDP ({@code SOCK_DGRAM}) socket to the port. */
    static String bind(String type, int port) {
        return probe("s = socket.socket(socket.AF_INET, socket.%s)".formatted(type),
                "s.bind(('127.0.0.1', %d))".formatted(port), "EACCES", BIND_DENIED);
    }

    static String sendUdp(int port) {
        return probe("s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
                "s.sendto(b'x', ('127.0.0.1', %d))".formatted(port), "EACCES", UDP_SEND_DENIED);
    }

    /**
     * Connects to a pathname UNIX socket. The socket is made inside the probe's try: below ABI 9
     * runlock's guard refuses {@code socket(AF_UNIX)} with the EACCES Landlock gives {@code connect}.
     */
    static String unixConnect(String path) {
        return probe("", "socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).connect('%s')".formatted(path), "EACCES",
                UNIX_CONNECT_DENIED);
    }

    /**
     * Connects to an abstract UNIX socket (name without the leading NUL): EPERM where the scope
     * denies it, EACCES ({@link #UNIX_CONNECT_DENIED}) where runlock's guard refuses the socket.
     */
    static String abstractConnect(String name) {
        return """
                import errno, socket, sys
                try:
                    socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).connect('\\0%s')
                except OSError as e:
                    if e.errno == errno.EPERM:
                        sys.exit(%d)
                    if e.errno == errno.EACCES:
                        sys.exit(%d)
                    raise
                """.formatted(name, ABSTRACT_CONNECT_DENIED, UNIX_CONNECT_DENIED);
    }

    static String signal(long pid) {
        return probe("", "os.kill(%d, 15)".formatted(pid), "EPERM", SIGNAL_DENIED);
    }

    /** truncate(2) by path: unlike truncate(1), opens nothing for writing first. */
    static String truncate(String path) {
        return probe("", "os.truncate('%s', 0)".formatted(path), "EACCES", TRUNCATE_DENIED);
    }

    /** A hard link into another directory: reparenting, which only REFER allows (EXDEV otherwise). */
    static String link(String from, String to) {
        return probe("", "os.link('%s', '%s')".formatted(from, to), "EXDEV", LINK_DENIED);
    }

    /** TCGETS on a device opened read-only: /dev/null answers ENOTTY where the ioctl is allowed. */
    static String ioctl(String device) {
        return """
                import errno, fcntl, sys, termios
                with open('%s', 'rb') as f:
                    try:
                        fcntl.ioctl(f, termios.TCGETS, bytes(64))
                    except OSError as e:
                        if e.errno == errno.EACCES:
                            sys.exit(%d)
                        if e.errno != errno.ENOTTY:
                            raise
                """.formatted(device, IOCTL_DENIED);
    }

    private static String probe(String setup, String operation, String errno, int deniedStatus) {
        return """
                import errno, os, socket, sys
                %s
                try:
                    %s
                except OSError as e:
                    if e.errno == errno.%s:
                        sys.exit(%d)
                    raise
                """.formatted(setup, operation, errno, deniedStatus);
    }
}
