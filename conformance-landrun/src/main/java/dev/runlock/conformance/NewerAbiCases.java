package dev.runlock.conformance;

import static dev.runlock.conformance.Expectation.degraded;
import static dev.runlock.conformance.Expectation.enforcing;
import static dev.runlock.conformance.Expectation.exit;
import static dev.runlock.conformance.Expectation.refusedWithout;
import static dev.runlock.conformance.Fixture.RO;
import static dev.runlock.conformance.Fixture.RW;
import static dev.runlock.conformance.Fixture.RW_NESTED_RW;
import static dev.runlock.conformance.Invocation.raw;
import static dev.runlock.conformance.Invocation.sandbox;
import static dev.runlock.conformance.OwnCases.LIBS;
import static dev.runlock.conformance.OwnCases.PY;
import static dev.runlock.conformance.OwnCases.PYTHON;
import static dev.runlock.conformance.OwnCases.own;
import static dev.runlock.conformance.Words.line;

import java.util.List;

/**
 * Own cases: the rights after ABI 1 (refer, truncate, TCP, device ioctl, pathname sockets, UDP),
 * port ranges and pins, best effort and --compat hard where the kernel lacks them.
 */
final class NewerAbiCases {
    private static final String LANDRUN_UNIX = "below ABI 9 Landlock does not check connecting to pathname unix "
            + "sockets: landrun lets the command reach any it can name; runlock's seccomp filter refuses "
            + "socket(AF_UNIX) there unless --unix grants one";

    private NewerAbiCases() {
    }

    static List<Case> all() {
        return List.of(
                own("R40", "connecting to a pathname unix socket needs --unix",
                        f -> sandbox(line(PY + "--ro " + RW + " -- " + PYTHON + " -c",
                                Probes.unixConnect(f.unixListener(RW + "/sock")))).autoImported(),
                        enforcing(Feature.FILESYSTEM, Probes.UNIX_CONNECT_DENIED, 0))
                        .deviates(Dialect.LANDRUN, enforcing(Feature.UNIX, Probes.UNIX_CONNECT_DENIED, 0), LANDRUN_UNIX),
                own("R41", "--unix allows connecting to that socket",
                        f -> sandbox(line(PY + "--unix " + f.unixListener(RW + "/sock") + " -- " + PYTHON + " -c",
                                Probes.unixConnect(f.path(RW + "/sock").toString()))).autoImported(), exit(0)),
                own("R42", "--unix is best effort by default: warns below ABI 9",
                        f -> sandbox(line(LIBS + "--unix " + RO + " -- true")), degraded(Feature.UNIX, 0))
                        .requires(Capability.OWN_ERRORS),
                own("R43", "--compat hard with --unix: refused below ABI 9, naming --unix",
                        f -> sandbox(line("--compat hard " + LIBS + "--unix " + RO + " -- true")), refusedWithout(Feature.UNIX, 0))
                        .requires(Capability.COMPAT),
                own("R44", "sending UDP needs --connect-udp",
                        f -> sandbox(line(PY + "-- " + PYTHON + " -c", Probes.sendUdp(f.port()))).autoImported(),
                        enforcing(Feature.UDP, Probes.UDP_SEND_DENIED, 0)).requires(Capability.UDP),
                own("R45", "--connect-udp allows sending to that port",
                        f -> sandbox(line(PY + "--connect-udp " + f.port() + " -- " + PYTHON + " -c", Probes.sendUdp(f.port())))
                                .autoImported(),
                        exit(0)).requires(Capability.UDP),
                own("R46", "binding UDP needs --bind-udp",
                        f -> sandbox(line(PY + "-- " + PYTHON + " -c", Probes.bind("SOCK_DGRAM", f.port()))).autoImported(),
                        enforcing(Feature.UDP, Probes.BIND_DENIED, 0)).requires(Capability.UDP),
                own("R47", "--bind-udp is best effort by default: warns below ABI 10",
                        f -> sandbox(line(LIBS + "--bind-udp " + f.port() + " -- true")), degraded(Feature.UDP, 0))
                        .requires(Capability.UDP),
                own("R48", "--compat hard with --connect-udp: refused below ABI 10",
                        f -> sandbox(line("--compat hard " + LIBS + "--connect-udp " + f.port() + " -- true")),
                        refusedWithout(Feature.UDP, 0)).requires(Capability.UDP, Capability.COMPAT),
                own("R49", "--strict is --compat hard",
                        f -> sandbox(line("--strict " + LIBS + "--bind-udp " + f.port() + " -- true")),
                        refusedWithout(Feature.UDP, 0)).requires(Capability.UDP, Capability.COMPAT),
                own("R50", "--compat hard with audit log flags: refused below ABI 7, naming them",
                        f -> sandbox(line("--compat hard --log-disable-originating " + LIBS + "-- true")),
                        refusedWithout(Feature.AUDIT, 0)).requires(Capability.COMPAT),
                own("R51", "truncate(2) of a read-only file is denied from ABI 3",
                        f -> sandbox(line(PY + "--ro " + RO + " -- " + PYTHON + " -c", Probes.truncate(RO + "/test.txt")))
                                .autoImported(),
                        enforcing(Feature.TRUNCATE, Probes.TRUNCATE_DENIED, 0)),
                own("R52", "linking into another directory (refer) is allowed under --rw from ABI 2",
                        f -> sandbox(line(PY + "--rw " + RW + " -- " + PYTHON + " -c",
                                Probes.link(RW + "/test.txt", RW_NESTED_RW + "/linked.txt"))).autoImported(),
                        enforcing(Feature.REFER, exit(0), enforcing(Feature.FILESYSTEM, Probes.LINK_DENIED, 0))),
                own("R53", "ioctl on a read-only device is denied from ABI 5",
                        f -> sandbox(line(PY + "--ro /dev -- " + PYTHON + " -c", Probes.ioctl("/dev/null"))).autoImported(),
                        enforcing(Feature.IOCTL_DEV, Probes.IOCTL_DENIED, 0)),
                own("R54", "a port range allows binding inside it",
                        f -> sandbox(line(PY + "--bind-tcp " + f.port() + "-" + f.otherPort() + " -- " + PYTHON + " -c",
                                Probes.bind("SOCK_STREAM", f.otherPort()))).autoImported(), exit(0))
                        .requires(Capability.PORT_RANGES),
                own("R55", "a port range denies binding outside it",
                        f -> sandbox(line(PY + "--bind-tcp " + f.port() + "-" + f.port() + " -- " + PYTHON + " -c",
                                Probes.bind("SOCK_STREAM", f.otherPort()))).autoImported(),
                        LandrunCases.tcpDenied(Probes.BIND_DENIED)).requires(Capability.PORT_RANGES),
                own("R56", "a port range allows connecting inside it",
                        f -> sandbox(line(PY + "--connect-tcp " + f.port() + "-" + f.otherPort() + " -- " + PYTHON + " -c",
                                Probes.connect(f.listen(f.otherPort())))).autoImported(), exit(0))
                        .requires(Capability.PORT_RANGES),
                own("R57", "--abi 3 leaves TCP unrestricted",
                        f -> raw(line("--abi 3 " + PY + "-- " + PYTHON + " -c", Probes.connect(f.listen(f.port())))), exit(0))
                        .requires(Capability.ABI_PIN),
                own("R58", "--abi 2 leaves truncate unrestricted",
                        f -> raw(line("--abi 2 " + PY + "--ro " + RO + " -- " + PYTHON + " -c", Probes.truncate(RO + "/test.txt"))),
                        exit(0)).requires(Capability.ABI_PIN));
    }
}
