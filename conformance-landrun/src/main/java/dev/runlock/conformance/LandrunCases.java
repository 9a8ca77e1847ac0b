package dev.runlock.conformance;

import static dev.runlock.conformance.Expectation.enforcing;
import static dev.runlock.conformance.Expectation.exit;
import static dev.runlock.conformance.Fixture.EXEC;
import static dev.runlock.conformance.Fixture.NESTED;
import static dev.runlock.conformance.Fixture.RO;
import static dev.runlock.conformance.Fixture.RO_NESTED_EXEC;
import static dev.runlock.conformance.Fixture.RO_NESTED_RO;
import static dev.runlock.conformance.Fixture.RO_NESTED_RW;
import static dev.runlock.conformance.Fixture.RW;
import static dev.runlock.conformance.Invocation.sandbox;
import static dev.runlock.conformance.Words.line;
import static dev.runlock.conformance.Words.which;

import java.util.List;
import java.util.function.Function;

/**
 * landrun 0.1.18's test.sh, case by case, in its order: same names, command lines, expected exit
 * statuses and fixtures. Each run_test call is one record; test.sh's {@code --best-effort}
 * injection is {@link Invocation#sandbox}'s default, run_test_strict is {@link Invocation#strict}.
 */
public final class LandrunCases {
    static final String AUTO_IMPORT = "runlock imports the command, its script interpreter and its libraries by "
            + "default (-d turns this off), so a command landrun cannot execute without --add-exec runs";
    static final String BEST_EFFORT = "runlock is best effort by default (--compat hard is its strict mode): on a "
            + "kernel below the newest ABI it runs with a warning where landrun without --best-effort fails";

    private static final String LIBS = "--log-level debug --rox /usr --ro /lib --ro /lib64 ";
    private static final String PYTHON = "/usr/bin/python3";
    private static final String PY_LANDRUN = "--log-level debug --add-exec --ldd --rox /usr --ro /etc ";
    private static final String EXAMPLE = "https://example.com";
    private static final String KERNEL_ORG = "http://kernel.org";

    private LandrunCases() {
    }

    public static List<Case> all() {
        String trueBin = which("true");
        return List.of(
                lr(1, "Read-only access to file", LIBS + "--ro " + RO + " -- cat " + RO + "/test.txt", 0),
                lr(2, "Read-only access to nested file", LIBS + "--ro " + RO + " -- cat " + RO_NESTED_RO + "/test.txt", 0),
                lr(3, "Write access to nested directory writable nested in read-only directory",
                        LIBS + "--ro " + RO + " --rw " + RO_NESTED_RW + " -- touch " + RO_NESTED_RW + "/created_file", 0),
                Case.of("L04", "Write access to nested file writable nested in read-only directory", f -> {
                    // test.sh's previous case created this file; here each case has a fresh fixture.
                    f.write(RO_NESTED_RW + "/created_file", "", false);
                    return sandbox(line(LIBS + "--ro " + RO + " --rw " + RO_NESTED_RW + "/created_file -- touch "
                            + RO_NESTED_RW + "/created_file"));
                }, exit(0)),
                lr(5, "Read-write access to file", LIBS + "--ro " + RO + " --rw " + RW + " touch " + RW + "/new.txt", 0),
                lr(6, "No write access to read-only directory", LIBS + "--ro " + RO + " --rw " + RW + " touch " + RO + "/new.txt",
                        enforcing(Feature.FILESYSTEM, 1, 0)),
                lr(7, "Execute access with rox flag", LIBS + "--rox " + EXEC + " -- " + EXEC + "/test.sh", 0),
                lr(8, "Execute access with rox flag on file", LIBS + "--rox " + EXEC + "/test.sh -- " + EXEC + "/test.sh", 0),
                lr(9, "Execute access with rox flag on a file that is executable in same directory that one is allowed",
                        LIBS + "--rox " + EXEC + "/test.sh -- " + EXEC + "/test2.sh", 1)
                        .deviates(Dialect.RUNLOCK, exit(0), AUTO_IMPORT),
                lr(10, "Execute a file with --add-exec flag",
                        "--log-level debug --add-exec --rox /usr --ro /lib --ro /lib64 --rox " + EXEC + "/test.sh -- " + EXEC + "/test2.sh", 0),
                lr(11, "Execute a file with --add-exec and --ldd flag", "--log-level debug --add-exec --ldd -- " + trueBin, 0),
                lr(12, "No execute access with just ro flag", LIBS + "--ro " + EXEC + " -- " + EXEC + "/test.sh", 1)
                        .deviates(Dialect.RUNLOCK, exit(0), AUTO_IMPORT),
                lr(13, "Execute access in read-write directory", LIBS + "--rwx " + RW + " -- " + RW + "/rw_script.sh", 0),
                lr(14, "No execute access in read-write directory without rwx", LIBS + "--rw " + RW + " -- " + RW + "/rw_script.sh", 1)
                        .deviates(Dialect.RUNLOCK, exit(0), AUTO_IMPORT),
                lr(15, "Directory traversal with root access", "--log-level debug --rox / -- ls /usr", 0),
                lr(16, "Deep directory traversal", "--log-level debug --rox / -- ls " + NESTED, 0),
                lr(17, "Multiple read paths", LIBS + "--ro " + RO + " --ro " + NESTED + " -- cat " + NESTED + "/test.txt", 0),
                lr(18, "Comma-separated paths", "--log-level debug --rox /usr --ro /lib,/lib64," + RO + " -- cat " + RO + "/test.txt", 0),
                lr(19, "Simple system command", "--log-level debug --rox /usr --ro  /etc -- whoami", 0),
                lr(20, "System command with arguments", "--log-level debug --rox / -- ls -la /usr/bin", 0),
                lr(21, "Non-existent read-only path", "--log-level debug --ro /usr --ro /lib --ro /lib64 --ro /nonexistent/path -- ls", 1),
                lr(22, "No configuration", "--log-level debug -- ls /", 1)
                        .deviates(Dialect.RUNLOCK, exit(2), AUTO_IMPORT + "; ls itself then fails to read / (exit 2)"),
                shell(23, "Process creation with pipe", "--log-level debug --rox / --env PATH", "ls /usr | grep bin", 0),
                shell(24, "File redirection", "--log-level debug --rox / --rw " + RW + " --env PATH",
                        "ls /usr > " + RW + "/output.txt && cat " + RW + "/output.txt", 0),
                lr(25, "TCP connection without permission",
                        "--log-level debug --rox /usr --ro / -- curl -s --connect-timeout 2 " + EXAMPLE, tcpDenied(7))
                        .tagged(Tag.INTERNET),
                lr(26, "TCP connection with permission",
                        "--log-level debug --rox /usr --ro / --connect-tcp 443 -- curl -s --connect-timeout 2 " + EXAMPLE, 0)
                        .tagged(Tag.INTERNET),
                shell(27, "Environment isolation", "--log-level debug --rox /usr --ro /", "echo $TEST_ENV_VAR", 0)
                        .and(Check.stdoutLacks(Execution.TEST_ENV_VALUE)),
                shell(28, "Environment isolation (no variables should be passed)", "--log-level debug --rox /usr --ro /",
                        "[[ -z $TEST_ENV_VAR ]] && echo \"No env var\" || echo $TEST_ENV_VAR", 0)
                        .and(Check.stdoutContains("No env var")),
                shell(29, "Passing specific environment variable",
                        "--log-level debug --rox /usr --ro / --env TEST_ENV_VAR --env PATH",
                        "echo $TEST_ENV_VAR | grep \"test_value_123\"", 0),
                shell(30, "Passing custom environment variable",
                        "--log-level debug --rox /usr --ro / --env CUSTOM_VAR=custom_value --env PATH",
                        "echo $CUSTOM_VAR | grep \"custom_value\"", 0),
                shell(31, "Mixed permissions", LIBS + "--rox " + EXEC + " --rwx " + RW + " --env PATH",
                        EXEC + "/test.sh > " + RW + "/output.txt && cat " + RW + "/output.txt", 0),
                lr(32, "Root path traversal regression test", "--log-level debug --rox /usr -- " + which("ls") + " /usr", 0),
                lr(33, "Execute from read-only paths regression test", "--log-level debug --rox /usr --ro /usr/bin -- " + which("id"), 0),
                lr(34, "Unrestricted filesystem access", "--log-level debug --unrestricted-filesystem ls /usr", 0),
                lr(35, "Unrestricted network access",
                        "--log-level debug --unrestricted-network --rox / -- curl -s --connect-timeout 2 " + KERNEL_ORG, 0)
                        .tagged(Tag.INTERNET),
                lr(36, "Restricted filesystem access", "--log-level debug ls /usr", 1)
                        .deviates(Dialect.RUNLOCK, exit(2), AUTO_IMPORT + "; ls itself then fails to read /usr (exit 2)"),
                lr(37, "Restricted network access", "--log-level debug --rox / -- curl -s --connect-timeout 2 " + KERNEL_ORG,
                        tcpDenied(7)).tagged(Tag.INTERNET),
                lr(38, "Ignore missing path with --ignore-missing",
                        LIBS.replace("--log-level debug ", "--log-level debug --ignore-missing ") + "--ro " + RO
                                + " --ro /nonexistent/path -- cat " + RO + "/test.txt", 0),
                lr(39, "Missing path without --ignore-missing still fails", LIBS + "--ro /nonexistent/path -- cat " + RO + "/test.txt", 1),
                lr(40, "Unrestricted IPC scoping smoke test",
                        "--log-level debug --unrestricted-scoped --rox /usr --ro /lib --ro /lib64 --ro " + RO + " -- cat " + RO + "/test.txt", 0),
                lr(41, "UNIX socket path allowed with --unix", LIBS + "--ro " + RO + " --unix " + RO + "/test.txt -- cat " + RO + "/test.txt", 0),
                lr(42, "Missing command to run", "--log-level error", 1),
                lr(43, "Unknown binary fails", "--log-level error --rox /usr -- /nonexistent/landrun-binary-xyz", 1),
                shell(44, "Missing env key is omitted",
                        "--log-level debug --rox /usr --ro / --env LANDRUN_MISSING_ENV_KEY_XYZ --env PATH",
                        "[[ -z $LANDRUN_MISSING_ENV_KEY_XYZ ]]", 0),
                Case.of("L45", "LANDRUN_LOG_LEVEL env smoke", f -> sandbox(line(
                        "--rox /usr --ro /lib --ro /lib64 --ro " + RO + " -- cat " + RO + "/test.txt"))
                        .withEnv("LANDRUN_LOG_LEVEL", "debug"), exit(0)),
                lr(46, "rwx on a single file allows execution", LIBS + "--rwx " + RW + "/rwx_file.sh -- " + RW + "/rwx_file.sh", 0),
                shell(47, "Overwrite of read-only file is denied", LIBS + "--ro " + RO, "echo overwrite > " + RO + "/test.txt", 1),
                shell(48, "Truncate of read-only file is denied", LIBS + "--ro " + RO, ": > " + RO + "/test.txt", 1),
                shell(49, "Delete file under rw is allowed", LIBS + "--rw " + RW + " --env PATH",
                        "echo delme > " + RW + "/todelete.txt && rm " + RW + "/todelete.txt", 0),
                lr(50, "Delete file under ro is denied", LIBS + "--ro " + RO + " --env PATH -- rm " + RO + "/test.txt", 1),
                lr(51, "Execute from nested exec dir under ro parent", LIBS + "--rox " + RO_NESTED_EXEC + " -- " + RO_NESTED_EXEC + "/test.sh", 0),
                lr(52, "Execute denied from nested exec dir with only ro parent", LIBS + "--ro " + RO + " -- " + RO_NESTED_EXEC + "/test.sh", 1)
                        .deviates(Dialect.RUNLOCK, exit(0), AUTO_IMPORT),
                lr(53, "ldd without add-exec still resolves libraries for true", "--log-level debug --ldd --add-exec -- " + trueBin, 0),
                lr(54, "ldd alone without binary path may fail to exec", "--log-level debug --ldd -- " + trueBin, 1)
                        .deviates(Dialect.RUNLOCK, exit(0), AUTO_IMPORT),
                lr(55, "ldd with explicit rox of binary succeeds", "--log-level debug --ldd --rox " + trueBin + " -- " + trueBin, 0),
                python(56, "TCP bind allowed on permitted port", f -> "--bind-tcp " + f.port(), f -> """
                        import socket, sys
                        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                        s.bind(('127.0.0.1', %d))
                        s.close()
                        """.formatted(f.port()), exit(0)),
                python(57, "TCP bind denied on non-permitted port", f -> "--bind-tcp " + f.port(), f -> """
                        import socket, sys
                        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                        try:
                            s.bind(('127.0.0.1', %d))
                        except OSError:
                            sys.exit(1)
                        sys.exit(0)
                        """.formatted(f.otherPort()), tcpDenied(1)),
                python(58, "Comma-separated bind-tcp ports", f -> "--bind-tcp " + f.port() + "," + f.otherPort(), f -> """
                        import socket
                        for p in (%d, %d):
                            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                            s.bind(('127.0.0.1', p))
                            s.close()
                        """.formatted(f.port(), f.otherPort()), exit(0)),
                python(59, "TCP connect allowed to local permitted port", f -> "--connect-tcp " + f.listen(f.port()), f -> """
                        import socket
                        s = socket.create_connection(('127.0.0.1', %d), timeout=2)
                        s.close()
                        """.formatted(f.port()), exit(0)),
                // test.sh leaves the other port without a listener, so its L60 and L61 pass with no sandbox at all;
                // here the harness listens on it, so the connect succeeds unless the sandbox denies it.
                python(60, "TCP connect denied to non-permitted local port", f -> "--connect-tcp " + f.port(),
                        LandrunCases::connectOther, tcpDenied(1)),
                Case.of("L61", "Unrestricted filesystem still restricts network without connect-tcp",
                        f -> sandbox(line("--log-level debug --unrestricted-filesystem --add-exec --ldd -- " + PYTHON + " -c",
                                connectOther(f))), tcpDenied(1)),
                lr(62, "All domains unrestricted is a no-op sandbox",
                        "--log-level debug --unrestricted-filesystem --unrestricted-network --unrestricted-scoped -- echo ok", 0),
                lr(63, "unix paths ignored when filesystem unrestricted",
                        "--log-level debug --unrestricted-filesystem --unix /run/does-not-matter.sock -- echo ok", 0),
                lr(64, "FS restricted with net and scoped unrestricted",
                        "--log-level debug --unrestricted-network --unrestricted-scoped --rox /usr --ro /lib --ro /lib64 --ro "
                                + RO + " -- cat " + RO + "/test.txt", 0),
                lr(65, "Audit log flags smoke with best-effort",
                        "--log-level debug --log-disable-originating --log-enable-subprocesses --log-disable-subdomains "
                                + "--rox /usr --ro /lib --ro /lib64 --ro " + RO + " -- cat " + RO + "/test.txt", 0),
                lr(66, "unix on a directory path", LIBS + "--ro " + RO + " --unix " + RO + " -- cat " + RO + "/test.txt", 0),
                Case.of("L67", "Strict V9 fails on ABI < 9 kernels",
                        f -> sandbox(line("--log-level error --rox /usr --ro /lib --ro /lib64 -- true")).strict(),
                        enforcing(Feature.UNIX, t -> Expected.notApplicable("test.sh runs this branch only below ABI 9"), exit(1)))
                        .deviates(Dialect.RUNLOCK, exit(0), BEST_EFFORT),
                Case.of("L68", "Strict V9 succeeds on ABI >= 9 kernels",
                        f -> sandbox(line("--log-level error --rox /usr --ro /lib --ro /lib64 --add-exec --ldd -- true")).strict(),
                        enforcing(Feature.UNIX, exit(0), t -> Expected.notApplicable("test.sh runs this branch only on ABI 9 and later"))));
    }

    /**
     * Offline twins of the four internet cases: the same options against an HTTP server on
     * 127.0.0.1 started outside the sandbox, so the TCP rules are exercised without a route.
     */
    public static List<Case> offlineTwins() {
        return List.of(
                twin(25, "TCP connection without permission", "--log-level debug --rox /usr --ro /", tcpDenied(7)),
                twin(26, "TCP connection with permission", "--log-level debug --rox /usr --ro / --connect-tcp PORT", exit(0)),
                twin(35, "Unrestricted network access", "--log-level debug --unrestricted-network --rox /", exit(0)),
                twin(37, "Restricted network access", "--log-level debug --rox /", tcpDenied(7)));
    }

    private static Case twin(int number, String name, String options, Expectation expectation) {
        return Case.of(id(number) + "o", name + " (offline twin)", f -> {
            String port = Integer.toString(f.http());
            return sandbox(line(options.replace("PORT", port) + " -- curl -s --connect-timeout 2 http://127.0.0.1:" + port + "/"));
        }, expectation);
    }

    /** test.sh's TCP denials: the command's failure status where TCP is enforced, success below ABI 4. */
    static Expectation tcpDenied(int deniedStatus) {
        return enforcing(Feature.TCP, deniedStatus, 0);
    }

    private static Case lr(int number, String name, String spaced, int status) {
        return lr(number, name, spaced, exit(status));
    }

    private static Case lr(int number, String name, String spaced, Expectation expectation) {
        return Case.of(id(number), name, f -> sandbox(line(spaced)), expectation);
    }

    /** {@code landrun OPTIONS -- bash -c 'SCRIPT'}. */
    private static Case shell(int number, String name, String options, String script, int status) {
        return Case.of(id(number), name, f -> sandbox(line(options + " -- bash -c", script)), exit(status));
    }

    /** test.sh's {@code $PY_LANDRUN OPTIONS -- $PYTHON -c "SCRIPT"}. */
    private static Case python(int number, String name, Function<Fixture, String> options,
            Function<Fixture, String> script, Expectation expectation) {
        return Case.of(id(number), name,
                f -> sandbox(line(PY_LANDRUN + options.apply(f) + " -- " + PYTHON + " -c", script.apply(f))), expectation);
    }

    private static String connectOther(Fixture f) {
        return """
                import socket, sys
                try:
                    s = socket.create_connection(('127.0.0.1', %d), timeout=1)
                    s.close()
                    sys.exit(0)
                except OSError:
                    sys.exit(1)
                """.formatted(f.listen(f.otherPort()));
    }

    static String id(int number) {
        return "L%02d".formatted(number);
    }
}
