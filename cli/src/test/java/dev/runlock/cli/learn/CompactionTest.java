package dev.runlock.cli.learn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runlock.cli.trace.Access;
import dev.runlock.cli.trace.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** From observed operations to the few entries a person can review. */
class CompactionTest {
    /** Directories are the paths that have something below them or end in "/"; "new" files were created. */
    private static final class FakeFiles implements Compaction.Files {
        @Override
        public boolean isDirectory(String path) {
            return !path.contains(".") || path.endsWith(".d") || path.contains(".git") && !path.endsWith(".pack")
                    || path.matches(".*/\\.(ssh|gnupg|config)(/[^.]*)?");
        }

        @Override
        public boolean createdDuringRun(String path) {
            return path.contains("new");
        }

        @Override
        public String realPath(String path) {
            return path.replaceFirst("^/lib/", "/usr/lib/").replace("/srv/conf/os-release", "/usr/lib/os-release")
                    .replaceFirst("^/proc/self/", "/proc/4242/");
        }
    }

    /** Two persistence points: one in $HOME, one in a repository. */
    private static final PersistencePoints POINTS = path -> List.of("/home/u/.ssh", "/srv/repo/.git/hooks").stream()
            .filter(p -> p.equals(path) || Compaction.isBelow(p, path) || Compaction.isBelow(path, p)).toList();

    /** A few presets as presets.toml has them: each stands for its paths and below; maven includes tools. */
    private static final class FakePresets implements Compaction.Presets {
        private static final Map<String, List<String>> PATHS = new LinkedHashMap<>();
        private static final Map<String, String> PORTS = Map.of("dns", "53", "maven", "443");
        private static final Map<String, List<Compaction.PortRight>> PORT_RIGHTS = Map.of(
                "dns", List.of(new Compaction.PortRight(Need.CONNECT_TCP, 53, 53),
                        new Compaction.PortRight(Need.CONNECT_UDP, 53, 53)),
                "maven", List.of(new Compaction.PortRight(Need.CONNECT_TCP, 443, 443)));

        static {
            PATHS.put("tools", List.of("/usr", "/bin"));
            PATHS.put("dev", List.of("/dev/null", "/dev/zero", "/dev/urandom"));
            PATHS.put("dns", List.of("/etc/resolv.conf", "/etc/hosts"));
            PATHS.put("python", List.of("/usr/lib/python3.11", "/usr/share/zoneinfo"));
            PATHS.put("maven", List.of("/usr/share/maven", "/usr", "/bin"));
        }

        @Override
        public List<String> names() {
            return List.copyOf(PATHS.keySet());
        }

        @Override
        public List<String> paths(String preset) {
            return PATHS.get(preset);
        }

        @Override
        public List<String> writable() {
            return List.of("/home/u/.npm", "/tmp");
        }

        @Override
        public List<Compaction.PortRight> ports(String preset) {
            return PORT_RIGHTS.getOrDefault(preset, List.of());
        }

        @Override
        public List<String> covering(Need need, String target) {
            return names().stream().filter(p -> need.port().isPresent()
                    ? need == Need.CONNECT_TCP && target.equals(PORTS.get(p))
                    : PATHS.get(p).stream().anyMatch(d -> d.equals(target) || Compaction.isBelow(target, d))).toList();
        }
    }

    private static Operation op(Access access, String path) {
        return new Operation(1, "prog", "openat", access, path, -1, Optional.empty());
    }

    private static Operation port(Access access, int port) {
        return new Operation(1, "prog", "connect", access, "", port, Optional.empty());
    }

    private static List<String> compact(Set<String> autoImported, Operation... ops) {
        return compact("/home/u", autoImported, ops);
    }

    private static List<String> compact(String home, Set<String> autoImported, Operation... ops) {
        return learned(home, autoImported, ops).grants().stream().map(r -> r.need() + " " + r.target()).toList();
    }

    private static Compaction.Learned learned(String home, Set<String> autoImported, Operation... ops) {
        List<Operation> all = new ArrayList<>(List.of(op(Access.EXECUTE, "/usr/bin/prog")));
        all.addAll(List.of(ops));
        return compaction(home, autoImported).compact(all);
    }

    private static Compaction compaction(String home, Set<String> autoImported) {
        return new Compaction(new FakeFiles(), autoImported, home, new FakePresets(), POINTS);
    }

    private static List<String> refused(Operation... ops) {
        return learned("/home/u", Set.of(), ops).refused().stream()
                .map(r -> r.requirement().need() + " " + r.requirement().target()).toList();
    }

    @Test
    void aDirectoryAboveHomeNeverStandsForTheFilesInIt() {
        assertThat(compact("/srv/users/u", Set.of(), op(Access.READ, "/srv/users/u/.a.rc"),
                op(Access.READ, "/srv/users/v.txt"), op(Access.READ, "/srv/users/w.txt"), op(Access.READ, "/srv/users/x.txt")))
                .containsExactlyInAnyOrder("RO /srv/users/u/.a.rc", "RO /srv/users/v.txt", "RO /srv/users/w.txt",
                        "RO /srv/users/x.txt");
    }

    /** A run that read four files of ~/.ssh never learns ~/.ssh: the keys it did not read stay out. */
    @Test
    void aSecretStoreNeverStandsForTheFilesReadInIt() {
        assertThat(compact(Set.of(), op(Access.READ, "/home/u/.ssh/config"), op(Access.READ, "/home/u/.ssh/known_hosts"),
                op(Access.READ, "/home/u/.ssh/id.pub"), op(Access.READ, "/home/u/.ssh/authorized_keys"),
                op(Access.READ, "/home/u/.config/a.rc"), op(Access.READ, "/home/u/.config/b.rc"),
                op(Access.READ, "/home/u/.config/c.rc"), op(Access.READ, "/home/u/.config/tool/x.rc"),
                op(Access.READ, "/home/u/.config/tool/y.rc"), op(Access.READ, "/home/u/.config/tool/z.rc"),
                op(Access.READ, "/home/u/.config/tool/w.rc")))
                .contains("RO /home/u/.ssh/config", "RO /home/u/.ssh/known_hosts", "RO /home/u/.config/a.rc",
                        "RO /home/u/.config/tool")
                .doesNotContain("RO /home/u/.ssh", "RO /home/u/.config");
    }

    @Test
    void aFewFilesStayFilesAndManyBecomeTheirDirectory() {
        assertThat(compact(Set.of(), op(Access.READ, "/etc/a.conf"), op(Access.READ, "/etc/b.conf"),
                op(Access.READ, "/srv/app/x.py"), op(Access.READ, "/srv/app/y.py"), op(Access.READ, "/srv/app/z.py"),
                op(Access.READ, "/srv/app/lib/w.py")))
                .containsExactlyInAnyOrder("RO /etc/a.conf", "RO /etc/b.conf", "RO /srv/app");
    }

    @Test
    void theShallowestDirectoryWithEnoughUsedEntriesStandsForTheTree() {
        assertThat(compact(Set.of(), op(Access.READ, "/opt/py/lib/a.py"), op(Access.READ, "/opt/py/lib/b.py"),
                op(Access.READ, "/opt/py/lib/c.py"), op(Access.READ, "/opt/py/lib/enc/d.py"),
                op(Access.READ, "/opt/py/lib/enc/e.py"), op(Access.READ, "/opt/py/lib/enc/f.py"),
                op(Access.READ, "/opt/py/lib/enc/g.py")))
                .containsExactly("RO /opt/py/lib");
    }

    @Test
    void systemWideDirectoriesAndHomeNeverStandForAFewFiles() {
        assertThat(compact(Set.of(), op(Access.READ, "/usr/share/a.x"), op(Access.READ, "/usr/share/b.x"),
                op(Access.READ, "/usr/share/c.x"), op(Access.READ, "/usr/share/d.x"), op(Access.READ, "/home/u/.a.rc"),
                op(Access.READ, "/home/u/.b.rc"), op(Access.READ, "/home/u/.c.rc"), op(Access.READ, "/home/u/.d.rc"),
                op(Access.READ, "/e.x"), op(Access.READ, "/f.x"), op(Access.READ, "/g.x"), op(Access.READ, "/h.x")))
                .hasSize(12).noneMatch(e -> e.equals("RO /usr/share") || e.equals("RO /home/u") || e.equals("RO /"));
    }

    @Test
    void whatAutoImportGrantsIsLeftOutEvenThroughASymlink() {
        assertThat(compact(Set.of("/usr/lib/libc.so.6", "/etc/ld.so.cache"), op(Access.READ, "/lib/libc.so.6"),
                op(Access.READ, "/etc/ld.so.cache"), op(Access.READ, "/etc/motd.txt")))
                .containsExactly("RO /etc/motd.txt");
    }

    @Test
    void creatingOrRemovingNeedsTheDirectoryWritingAnExistingFileOnlyTheFile() {
        assertThat(compact(Set.of(), op(Access.OPEN_CREATE, "/build/new.o"), op(Access.REMOVE, "/tmp/cc1.s"),
                op(Access.OPEN_CREATE, "/dev/null.d/old.txt"), op(Access.READ, "/dev/null.d/old.txt"),
                op(Access.WRITE, "/var/log.txt")))
                .containsExactlyInAnyOrder("RW /build", "RW /tmp", "RW /dev/null.d/old.txt", "RW /var/log.txt");
    }

    @Test
    void anEntryBelowOrEqualToAWiderOneGoes() {
        assertThat(compact(Set.of(), op(Access.LIST, "/data"), op(Access.READ, "/data"), op(Access.LIST, "/data/sub"),
                op(Access.CREATE, "/out/new.txt"), op(Access.READ, "/out/in.txt"), op(Access.LIST, "/out/sub")))
                .containsExactlyInAnyOrder("RO /data", "RW /out");
    }

    @Test
    void aDirectoryOnlyListedIsListingOnlyAndItsFilesStayApart() {
        assertThat(compact(Set.of(), op(Access.LIST, "/data"), op(Access.READ, "/data/x.csv")))
                .containsExactlyInAnyOrder("LS /data", "RO /data/x.csv");
    }

    @Test
    void theCommandIsAutoImportedAndWhatItExecutesBecomesADependency() {
        assertThat(compact(Set.of(), op(Access.EXECUTE, "/usr/bin/cc"), op(Access.EXECUTE, "/usr/bin/cc")))
                .containsExactly("EXECUTABLE /usr/bin/cc");
    }

    @Test
    void portsAreKeptPerDirection() {
        assertThat(compact(Set.of(), port(Access.CONNECT_TCP, 443), port(Access.CONNECT_TCP, 443),
                port(Access.BIND_TCP, 0), port(Access.CONNECT_UDP, 53)))
                .containsExactly("CONNECT_TCP 443", "BIND_TCP 0", "CONNECT_UDP 53");
    }

    @Test
    void aConnectionThatFailedAfterTheCheckStillNeedsThePort() {
        Operation refused = new Operation(1, "prog", "connect", Access.CONNECT_TCP, "", 9, Optional.of("ECONNREFUSED"));
        Operation pending = new Operation(1, "prog", "connect", Access.CONNECT_TCP, "", 80, Optional.of("EINPROGRESS"));
        Operation denied = new Operation(1, "prog", "connect", Access.CONNECT_TCP, "", 22, Optional.of("EACCES"));
        assertThat(compact(Set.of(), refused, pending, denied)).containsExactly("CONNECT_TCP 9", "CONNECT_TCP 80");
    }

    @Test
    void aNameThatIsNotUtf8IsGrantedThroughItsDirectory() {
        assertThat(compact(Set.of(), op(Access.READ, "/srv/bad\u00ff\u00fe/x.txt")))
                .containsExactly("RO /srv");
    }

    @Test
    void failedOperationsAreNotNeeds() {
        Operation denied = new Operation(1, "prog", "openat", Access.READ, "/secret.txt", -1, Optional.of("EACCES"));
        assertThat(compact(Set.of(), denied)).isEmpty();
    }

    @Test
    void eachEntrySaysWhy() {
        List<Requirement> r = compaction("/h", Set.of()).compact(List.of(
                op(Access.EXECUTE, "/bin/x"), op(Access.READ, "/srv/a/1.txt"), op(Access.READ, "/srv/a/2.txt"),
                op(Access.READ, "/srv/a/3"), op(Access.LIST, "/srv/a/3"), op(Access.READ, "/srv/a/4.txt"))).grants();
        assertThat(r).singleElement().extracting(Requirement::reason).isEqualTo("read by prog; 4 paths below");
    }

    @Test
    void aSetOfFilesAPresetCoversBecomesThePresetNamingWhatItCovers() {
        List<Requirement> r = compaction("/h", Set.of()).compact(List.of(
                op(Access.EXECUTE, "/bin/x"), op(Access.WRITE, "/dev/null"), op(Access.READ, "/dev/urandom"),
                op(Access.READ, "/etc/motd.txt"))).grants();
        assertThat(r).extracting(e -> e.need() + " " + e.target())
                .containsExactlyInAnyOrder("PRESET dev", "RO /etc/motd.txt");
        assertThat(r).filteredOn(e -> e.need() == Need.PRESET).singleElement().extracting(Requirement::reason)
                .isEqualTo("covers /dev/null, /dev/urandom, used by prog");
    }

    @Test
    void theSmallestPresetCoversTheStandardLibraryNeverOneGrantingASystemDirectory() {
        assertThat(compact(Set.of(), op(Access.READ, "/usr/lib/python3.11/os.py"),
                op(Access.READ, "/usr/lib/python3.11/encodings/__init__.py"), op(Access.LIST, "/usr/lib/python3.11/json"),
                op(Access.READ, "/usr/share/doc/x.txt"), op(Access.READ, "/usr/bin/y.conf")))
                .containsExactlyInAnyOrder("PRESET python", "RO /usr/share/doc/x.txt", "RO /usr/bin/y.conf");
    }

    @Test
    void whatNoPresetCoversOrOneFileBelowAPresetStaysAPath() {
        assertThat(compact(Set.of(), op(Access.READ, "/srv/data.csv"), op(Access.READ, "/usr/share/zoneinfo/UTC"),
                port(Access.CONNECT_TCP, 53), op(Access.READ, "/dev/null"), op(Access.WRITE, "/dev/null")))
                .containsExactlyInAnyOrder("RO /srv/data.csv", "RO /usr/share/zoneinfo/UTC", "CONNECT_TCP 53",
                        "RW /dev/null");
    }

    /** A program the run made (a venv's python, a generated script) is granted through its directory, never required. */
    @Test
    void aProgramTheRunCreatedIsGrantedThroughItsDirectory() {
        assertThat(compact(Set.of(), op(Access.CREATE, "/srv/venv/bin/new-python"),
                op(Access.EXECUTE, "/srv/venv/bin/new-python"), op(Access.EXECUTE, "/usr/bin/cc")))
                .containsExactlyInAnyOrder("RWX /srv/venv/bin", "EXECUTABLE /usr/bin/cc");
    }

    /** A link in a directory that stands for its files is granted where it leads. */
    @Test
    void aLinkReadIsGrantedAtItsTarget() {
        assertThat(compact(Set.of(), op(Access.READ, "/srv/conf/a.conf"), op(Access.READ, "/srv/conf/b.conf"),
                op(Access.READ, "/srv/conf/c.conf"), op(Access.READ, "/srv/conf/d.conf"),
                op(Access.READ, "/srv/conf/os-release")))
                .containsExactlyInAnyOrder("RO /srv/conf", "RO /usr/lib/os-release");
    }

    /** dns grants port 53: a run that only read /etc/hosts and /etc/resolv.conf gets those paths, not the preset. */
    @Test
    void aPresetGrantingPortsTheRunDidNotUseNeverStandsForItsPaths() {
        assertThat(compact(Set.of(), op(Access.READ, "/etc/resolv.conf"), op(Access.READ, "/etc/hosts")))
                .containsExactlyInAnyOrder("RO /etc/resolv.conf", "RO /etc/hosts");
        assertThat(compact(Set.of(), op(Access.READ, "/etc/resolv.conf"), op(Access.READ, "/etc/hosts"),
                port(Access.CONNECT_TCP, 53), port(Access.CONNECT_UDP, 53)))
                .as("control: a run that used both ports").contains("PRESET dns");
    }

    /** Files created in $HOME or above it are not granted through it; a file written there is granted itself. */
    @Test
    void homeAndAboveAreNeverMadeWritable() {
        assertThat(refused(op(Access.CREATE, "/home/u/new.txt"), op(Access.OPEN_CREATE, "/new.log"),
                op(Access.WRITE, "/home/u/.bash_history")))
                .containsExactlyInAnyOrder("RW /home/u", "RW /");
        assertThat(compact(Set.of(), op(Access.CREATE, "/home/u/new.txt"), op(Access.WRITE, "/home/u/.bash_history")))
                .containsExactly("RW /home/u/.bash_history");
    }

    /** A refused path below a directory the run needed writable (a clone's target) is said to be writable all the same. */
    @Test
    void aRefusalBelowAWritableGrantNamesTheGrant() {
        Requirement work = new Requirement("/work", Need.RW, Set.of("files created in it"), Set.of("git"), 0);
        Requirement reading = new Requirement("/srv", Need.RO, Set.of("read"), Set.of("git"), 0);
        Compaction.Refusal hooks = new Compaction.Refusal(
                new Requirement("/work/w/.git/hooks", Need.RW, Set.of("files created in it"), Set.of("git"), 0), "why");
        Compaction.Refusal apart = new Compaction.Refusal(
                new Requirement("/srv/w/.git/hooks", Need.RW, Set.of("files created in it"), Set.of("git"), 0), "why");
        Compaction.Learned learned = new Compaction.Learned(List.of(reading, work), List.of(hooks, apart));
        assertThat(learned.writableThrough(hooks)).contains(work);
        assertThat(learned.writableThrough(apart)).isEmpty();
    }

    /** A persistence point is never made writable, by its own entry or by a directory standing for files near it. */
    @Test
    void persistencePointsAreNeverMadeWritable() {
        assertThat(refused(op(Access.WRITE, "/home/u/.ssh/known_hosts"), op(Access.CREATE, "/srv/repo/.git/hooks/new"),
                op(Access.CREATE, "/srv/repo/src/new.o")))
                .containsExactlyInAnyOrder("RW /home/u/.ssh/known_hosts", "RW /srv/repo/.git/hooks");
        assertThat(compact(Set.of(), op(Access.WRITE, "/srv/repo/a.txt"), op(Access.WRITE, "/srv/repo/b.txt"),
                op(Access.WRITE, "/srv/repo/c.txt"), op(Access.WRITE, "/srv/repo/d.txt"),
                op(Access.WRITE, "/srv/other/a.txt"), op(Access.WRITE, "/srv/other/b.txt"),
                op(Access.WRITE, "/srv/other/c.txt"), op(Access.WRITE, "/srv/other/d.txt")))
                .hasSize(5).contains("RW /srv/other", "RW /srv/repo/a.txt");
    }

    /** What names this run's process or its container is learned as a later run names it. */
    @Test
    void volatilePathsAreLearnedStable() {
        assertThat(compact(Set.of(), op(Access.READ, "/proc/1/status"), op(Access.READ, "/proc/self/maps"),
                op(Access.READ, "/sys/fs/cgroup/system.slice/docker-0123abcd.scope/memory.max"),
                op(Access.LIST, "/sys/fs/cgroup/system.slice/docker-0123abcd.scope")))
                .containsExactlyInAnyOrder("RO /proc/self/status", "RO /proc/self/maps", "RO /sys/fs/cgroup");
    }

    /** What was used in a cache a preset grants is learned as the cache, never its volatile entries. */
    @Test
    void aCacheInHomeStandsForWhatWasUsedInIt() {
        assertThat(compact(Set.of(), op(Access.READ, "/home/u/.npm/_cacache/content-v2/sha512/ab/cd/0123"),
                op(Access.CREATE, "/home/u/.npm/_cacache/tmp/new-1"), op(Access.READ, "/tmp/project/x.js")))
                .containsExactlyInAnyOrder("RW /home/u/.npm", "RO /tmp/project/x.js");
    }
}
