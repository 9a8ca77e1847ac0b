package dev.runlock.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command line as the user typed it; nothing is interpreted here. */
final class Options {
    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "error, warn, info or debug (default warn; env RUNLOCK_LOG_LEVEL, LANDRUN_LOG_LEVEL)")
    String logLevel;

    @Option(names = "--ro", split = ",", paramLabel = "PATH", description = "Allow reading PATH (and beneath it)")
    List<String> ro = new ArrayList<>();

    @Option(names = "--rox", split = ",", paramLabel = "PATH", description = "Allow reading and executing PATH")
    List<String> rox = new ArrayList<>();

    @Option(names = "--rw", split = ",", paramLabel = "PATH", description = "Allow reading and writing PATH")
    List<String> rw = new ArrayList<>();

    @Option(names = "--rwx", split = ",", paramLabel = "PATH", description = "Allow reading, writing and executing PATH")
    List<String> rwx = new ArrayList<>();

    @Option(names = "--unix", split = ",", paramLabel = "PATH",
            description = "Allow connecting to the pathname UNIX socket PATH (Landlock ABI 9)")
    List<String> unix = new ArrayList<>();

    @Option(names = "--bind-tcp", split = ",", paramLabel = "PORT", description = "Allow binding TCP PORT or range N-M")
    List<String> bindTcp = new ArrayList<>();

    @Option(names = "--connect-tcp", split = ",", paramLabel = "PORT", description = "Allow connecting to TCP PORT or range N-M")
    List<String> connectTcp = new ArrayList<>();

    @Option(names = "--bind-udp", split = ",", paramLabel = "PORT", description = "Allow binding UDP PORT or range N-M (ABI 10)")
    List<String> bindUdp = new ArrayList<>();

    @Option(names = "--connect-udp", split = ",", paramLabel = "PORT",
            description = "Allow connecting/sending to UDP PORT or range N-M (ABI 10)")
    List<String> connectUdp = new ArrayList<>();

    @Option(names = "--env", paramLabel = "KEY[=VALUE]",
            description = "Pass KEY (its current value) or KEY=VALUE to the command; nothing else is passed")
    List<String> env = new ArrayList<>();

    // Booleans are null unless given, so sandbox.toml decides then; negatable (--no-X, --X=false) instead of
    // arity 0..1 so that, as in landrun, "--unrestricted-network true" runs the command true.
    @Option(names = "--unrestricted-filesystem", negatable = true,
            description = "Do not restrict the filesystem")
    Boolean unrestrictedFilesystem;

    @Option(names = "--unrestricted-network", negatable = true,
            description = "Do not restrict TCP or UDP")
    Boolean unrestrictedNetwork;

    @Option(names = "--unrestricted-scoped", negatable = true,
            description = "Do not restrict signals and abstract UNIX sockets (scopes, ABI 6)")
    Boolean unrestrictedScoped;

    @Option(names = {"-d", "--disable-auto-import"},
            description = "Do not grant the command, its interpreters and shared libraries automatically")
    boolean disableAutoImport;

    @Option(names = "--add-exec", description = "landrun's: grant the command's executable (implied by auto-import)")
    boolean addExec;

    @Option(names = "--ldd", description = "landrun's: grant the command's shared libraries (implied by auto-import)")
    boolean ldd;

    @Option(names = "--best-effort", description = "landrun's: accepted; best effort is the default")
    boolean bestEffort;

    @Option(names = "--compat", paramLabel = "LEVEL",
            description = "best (default): drop what the kernel lacks, with a warning; soft: all or no sandbox; hard: refuse to run")
    String compat;

    @Option(names = "--strict", description = "Same as --compat hard")
    boolean strict;

    @Option(names = "--abi", paramLabel = "N",
            description = "Use only Landlock rights of ABI N or older: behave as on a kernel of ABI N")
    String abi;

    @Option(names = "--keep-fd", split = ",", paramLabel = "FD",
            description = "Keep inherited descriptor FD open for the command (all others above 2 are closed)")
    List<String> keepFd = new ArrayList<>();

    @Option(names = "--ignore-missing", negatable = true,
            description = "Skip granted paths that do not exist instead of failing")
    Boolean ignoreMissing;

    @Option(names = "--log-disable-originating", negatable = true,
            description = "Audit: do not log denials of runlock itself (ABI 7)")
    Boolean logDisableOriginating;

    @Option(names = "--log-enable-subprocesses", negatable = true,
            description = "Audit: log denials of the command and its children (ABI 7)")
    Boolean logEnableSubprocesses;

    @Option(names = "--log-disable-subdomains", negatable = true,
            description = "Audit: do not log denials from nested sandboxes (ABI 7)")
    Boolean logDisableSubdomains;

    @Option(names = "--explain", description = "Print the effective sandbox and exit without running the command")
    boolean explain;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command and its arguments")
    List<String> command = new ArrayList<>();
}
