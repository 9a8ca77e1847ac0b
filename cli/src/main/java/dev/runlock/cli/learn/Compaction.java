package dev.runlock.cli.learn;

import dev.runlock.cli.trace.Access;
import dev.runlock.cli.trace.Operation;
import dev.runlock.cli.trace.TraceText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * From what a run did to the smallest readable set of grants that lets the same run through.
 * A pipeline of steps, each a {@code List<Requirement> -> List<Requirement>}: what auto-import
 * grants anyway is dropped; presets replace the sets they cover; many paths below one directory
 * become that directory; entries covered by a directory entry go.
 *
 * <p>A preset replaces requirements only when it stays close to what was observed:
 * <ul>
 * <li>it is small: neither it nor a preset it includes grants a system-wide directory (one a
 *     directory entry would not stand for either, such as {@code /usr}, {@code /lib} or
 *     {@code /usr/share}), so {@code tools} and the build-tool presets built on it are never used;
 * <li>it grants the requirement's own path, or a directory above it read-only (the python standard
 *     library, the CA certificates); a writable directory ({@code tmp}) stands only for itself,
 *     never for a project that happens to be in it;
 * <li>it covers requirements on at least two paths or ports that no preset chosen before it covers:
 *     a set, not one file below one of its directories;
 * <li>presets are tried fewest paths first, so a requirement goes to the smallest preset covering it;
 * <li>it grants no port the run did not use.
 * </ul>
 *
 * <p>Paths are taken where links lead (what Landlock checks), except in procfs; what names this
 * run's process or container is made stable; what was used below a cache a preset grants in
 * $HOME becomes the cache. A program the run created is granted through its directory, never
 * required. $HOME, the directories above it and persistence points are never made writable: such a
 * requirement is {@linkplain Learned#refused() refused}.
 */
public final class Compaction {
    /** A directory stands for its paths when at least this many of its entries are used. */
    static final int DIRECTORY_THRESHOLD = 4;

    /** Directories too broad to stand for a few files in them; one level down still may. */
    private static final Set<String> TOO_BROAD = Set.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
            "/usr/lib", "/usr/lib32", "/usr/lib64", "/usr/libexec", "/usr/share", "/usr/bin", "/usr/sbin",
            "/usr/local", "/usr/local/lib", "/usr/local/share",
            "/usr/local/bin", "/var/lib", "/var/cache", "/var/log", "/run/user", "/nix/store");

    /** Multiarch library directories such as /usr/lib/x86_64-linux-gnu: as broad as /usr/lib. */
    private static final Pattern MULTIARCH = Pattern.compile(
            "(/usr)?/lib(32|64)?/[a-z0-9_]+-linux-[a-z0-9_]+");

    /**
     * Where a home keeps secrets, relative to it: a few files read there are listed one by one,
     * never the directory, which holds the keys the run did not read ({@code ~/.ssh/config} and
     * {@code known_hosts}, not {@code id_ed25519}). {@code ~/.config} itself is one too (tokens of
     * many tools), though a tool's own directory in it may stand for its files.
     */
    private static final List<String> SECRET_STORES = List.of(".ssh", ".gnupg", ".aws", ".kube", ".docker",
            ".password-store", ".local/share/keyrings", ".pki", ".mozilla");

    private static final String CGROUPS = "/sys/fs/cgroup";

    /** A preset replaces requirements on at least this many paths or ports. */
    static final int PRESET_THRESHOLD = 2;
    /** A preset granting a range of this many ports or more grants more than one run uses. */
    private static final int PRESET_PORT_SPAN = 16;

    /** The built-in presets as resolved on this machine. */
    public interface Presets {
        /** Every preset's name. */
        List<String> names();

        /** The paths {@code preset} grants here, with those of the presets it includes. */
        List<String> paths(String preset);

        /**
         * The presets that may stand for {@code need} on {@code target} (a real path, or a port number
         * as text): granting it at the path, or read-only at a directory above it.
         */
        List<String> covering(Need need, String target);

        /** The ports {@code preset} grants here, with those of the presets it includes. */
        List<PortRight> ports(String preset);

        /** The directories presets grant writable (caches such as ~/.npm), real paths as byte strings. */
        List<String> writable();
    }

    /** A network right on the ports {@code from} to {@code to}. */
    public record PortRight(Need need, int from, int to) {
    }

    /**
     * What a run needs, as grants, and what it needed that learn will not grant: a directory of
     * {@code $HOME} or above it made writable, or a persistence point.
     *
     * @param refused the requirements left out
     */
    public record Learned(List<Requirement> grants, List<Refusal> refused) {
        /**
         * The writable grant at or above what {@code refusal} left out, if any: a directory the run
         * created files in (a clone's target in the working directory) holds the paths created in it,
         * and Landlock cannot carve them out, so they are writable all the same.
         */
        public Optional<Requirement> writableThrough(Refusal refusal) {
            String target = refusal.requirement().target();
            return grants.stream().filter(g -> g.need().writable()
                    && (g.target().equals(target) || isBelow(target, g.target()))).findFirst();
        }
    }

    /** A requirement learn does not grant, and why. */
    public record Refusal(Requirement requirement, String why) {
    }

    /** What runlock knows about a traced path after the run. */
    public interface Files {
        boolean isDirectory(String path);

        /** Whether the file did not exist before the run: it is gone, or was born after the run started. */
        boolean createdDuringRun(String path);

        /** The path with every symlink resolved, or the path itself if that fails. */
        String realPath(String path);
    }

    private final Files files;
    private final Set<String> autoImported;
    private final String home;
    private final Presets presets;
    private final PersistencePoints persistence;

    /**
     * @param autoImported the real paths of what auto-import grants for the command and the executables it ran
     * @param home the user's home directory, its real path: neither it nor a directory above it is
     *     made an entry for the files in it, nor made writable
     * @param persistence what no writable entry may open
     */
    public Compaction(Files files, Set<String> autoImported, String home, Presets presets,
                      PersistencePoints persistence) {
        this.files = files;
        this.autoImported = Set.copyOf(autoImported);
        this.home = home;
        this.presets = presets;
        this.persistence = persistence;
    }

    /** The programs the command executed (after its own execve), which auto-import can cover. */
    public static List<String> executables(List<Operation> operations) {
        Set<String> out = new LinkedHashSet<>();
        operations.stream().filter(o -> o.succeeded() && o.access() == Access.EXECUTE).skip(1)
                .forEach(o -> out.add(o.path()));
        return List.copyOf(out);
    }

    public Learned compact(List<Operation> operations) {
        List<UnaryOperator<List<Requirement>>> steps = List.of(this::withoutAutoImported, this::underCaches,
                this::withPresets,
                r -> directories(r, Need.RO), r -> directories(r, Need.RW), Compaction::withoutCovered,
                Compaction::expressible);
        List<Requirement> requirements = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        for (Requirement r : merged(requirements(operations))) {
            Optional<String> why = refusal(r);
            if (why.isPresent()) {
                refused.add(new Refusal(r, why.get()));
            } else {
                requirements.add(r);
            }
        }
        for (UnaryOperator<List<Requirement>> step : steps) {
            requirements = merged(step.apply(requirements));
        }
        return new Learned(requirements, refused);
    }

    /** Why a writable requirement is not granted: it is $HOME or above, or opens a persistence point. */
    private Optional<String> refusal(Requirement r) {
        if (!r.need().writable()) {
            return Optional.empty();
        }
        if (holdsHome(r.target())) {
            return Optional.of("$HOME and the directories above it are never made writable");
        }
        List<String> opened = persistence.opened(r.target());
        return opened.isEmpty() ? Optional.empty() : Optional.of("it would make writable "
                + String.join(", ", opened.stream().map(TraceText::display).toList())
                + ", which code outside the sandbox runs or trusts later");
    }

    private List<Requirement> requirements(List<Operation> operations) {
        List<Requirement> out = new ArrayList<>();
        boolean commandSeen = false;
        for (Operation o : operations) {
            if (!o.neededPermission()) {
                continue;
            }
            String verb = o.access().verb();
            String stable = stable(o);
            // Landlock checks the file a link leads to: a directory entry never stands for a link out of it.
            String real = realPath(stable);
            String parent = realPath(parent(stable));
            switch (o.access()) {
                case READ -> out.add(path(real, Need.RO, verb, o));
                case LIST -> out.add(path(real, Need.LS, verb, o));
                case WRITE -> out.add(path(real, Need.RW, verb, o));
                case OPEN_CREATE -> out.add(files.createdDuringRun(o.path())
                        ? path(parent, Need.RW, "files created in it", o) : path(real, Need.RW, "written", o));
                case CREATE -> out.add(path(parent, Need.RW, "files created in it", o));
                case REMOVE -> out.add(path(parent, Need.RW, "files removed from it", o));
                case CONNECT_UNIX -> out.add(path(real, Need.UNIX, verb, o));
                case EXECUTE -> {
                    // What the run made is granted through the directory it made it in, never required to exist.
                    if (commandSeen && files.createdDuringRun(real)) {
                        out.add(path(parent(real), Need.RWX, "programs created and executed in it", o));
                    } else if (commandSeen) {
                        out.add(path(real, Need.EXECUTABLE, verb, o));
                    }
                    commandSeen = true;
                }
                case BIND_TCP -> out.add(port(o, Need.BIND_TCP));
                case CONNECT_TCP -> out.add(port(o, Need.CONNECT_TCP));
                case BIND_UDP -> out.add(port(o, Need.BIND_UDP));
                case CONNECT_UDP -> out.add(port(o, Need.CONNECT_UDP));
            }
        }
        return out;
    }

    /**
     * The path a later run names the same way: {@code /proc/PID} of the process itself as
     * {@code /proc/self}, and the control groups, whose names hold the container's or unit's id,
     * as {@code /sys/fs/cgroup} (read-only, the only access a command has there).
     */
    private static String stable(Operation o) {
        String own = "/proc/" + o.pid();
        if (o.path().equals(own) || isBelow(o.path(), own)) {
            return "/proc/self" + o.path().substring(own.length());
        }
        return isBelow(o.path(), CGROUPS) && (o.access() == Access.READ || o.access() == Access.LIST) ? CGROUPS
                : o.path();
    }

    /** Links resolved, but for procfs, whose links name this learning run's processes. */
    private String realPath(String path) {
        return path.equals("/proc") || isBelow(path, "/proc") ? path : files.realPath(path);
    }

    private static Requirement path(String path, Need need, String verb, Operation o) {
        return new Requirement(path, need, Set.of(verb), Set.of(o.program()), 0);
    }

    private static Requirement port(Operation o, Need need) {
        return new Requirement(Integer.toString(o.port()), need, Set.of(o.access().verb()), Set.of(o.program()), 0);
    }

    private List<Requirement> withoutAutoImported(List<Requirement> in) {
        return in.stream().filter(r -> !(r.need() == Need.RO && autoImported.contains(files.realPath(r.target())))).toList();
    }

    /**
     * Replaces what was used below a cache a preset grants in $HOME (~/.npm, ~/.m2/repository) by the
     * cache: what is in it (content hashes, versions) changes from run to run, and a cleaned cache
     * must not make the learned section fail.
     */
    private List<Requirement> underCaches(List<Requirement> in) {
        List<String> caches = presets.writable().stream().filter(c -> isBelow(c, home))
                .filter(c -> persistence.opened(c).isEmpty()).toList();
        List<Requirement> out = new ArrayList<>();
        for (Requirement r : in) {
            Optional<String> cache = r.need() == Need.RO || r.need() == Need.LS || r.need().writable()
                    ? caches.stream().filter(c -> isBelow(r.target(), c)).findFirst() : Optional.empty();
            out.add(cache.map(c -> new Requirement(c, r.need().writable() ? Need.RW : r.need(), r.verbs(), r.programs(),
                    Math.max(1, r.below()))).orElse(r));
        }
        return out;
    }

    /** Replaces the requirements small presets cover by those presets, as the class comment says. */
    private List<Requirement> withPresets(List<Requirement> in) {
        Map<Requirement, List<String>> covering = new LinkedHashMap<>();
        for (Requirement r : in) {
            if (r.need() != Need.EXECUTABLE) {
                String target = r.need().port().isPresent() ? r.target() : files.realPath(r.target());
                covering.put(r, presets.covering(r.need(), target));
            }
        }
        List<String> small = presets.names().stream()
                .filter(p -> presets.paths(p).stream().noneMatch(Compaction::systemWide))
                .sorted(Comparator.comparingInt(p -> presets.paths(p).size())).toList();
        Set<String> usedPorts = new HashSet<>();
        in.stream().filter(r -> r.need().port().isPresent()).forEach(r -> usedPorts.add(r.need() + " " + r.target()));
        List<Requirement> out = new ArrayList<>(in);
        for (String preset : small) {
            if (!presets.ports(preset).stream().allMatch(p -> used(p, usedPorts))) {
                continue;
            }
            List<Requirement> covered = out.stream()
                    .filter(r -> covering.getOrDefault(r, List.of()).contains(preset)).toList();
            List<String> what = covered.stream().map(r -> r.need().port().isPresent() ? "port " + r.target()
                    : TraceText.display(r.target())).distinct().sorted().toList();
            if (what.size() < PRESET_THRESHOLD) {
                continue;
            }
            out.removeAll(covered);
            Set<String> shown = new TreeSet<>(what.subList(0, Math.min(3, what.size())));
            if (what.size() > shown.size()) {
                shown.add("and " + (what.size() - shown.size()) + " more");
            }
            Set<String> programs = new TreeSet<>();
            covered.forEach(r -> programs.addAll(r.programs()));
            out.add(new Requirement(preset, Need.PRESET, shown, programs, 0));
        }
        return out;
    }

    /**
     * Whether the run used every port of {@code right}: a preset may stand for what the run did only
     * when it grants nothing the run did not use (dns's port 53 for a run that read /etc/hosts).
     */
    private static boolean used(PortRight right, Set<String> usedPorts) {
        return right.to() - right.from() < PRESET_PORT_SPAN && IntStream.rangeClosed(right.from(), right.to())
                .allMatch(port -> usedPorts.contains(right.need() + " " + port));
    }

    /**
     * Replaces the entries of {@code need} below a directory by the directory when at least
     * {@link #DIRECTORY_THRESHOLD} of its entries are used, shallowest directory first, so a tree
     * of many used files becomes its top.
     */
    private List<Requirement> directories(List<Requirement> in, Need need) {
        List<Requirement> mine = in.stream().filter(r -> r.need() == need).toList();
        Map<String, Set<String>> usedChildren = new TreeMap<>(Comparator.comparingInt(Compaction::depth)
                .thenComparing(Comparator.naturalOrder()));
        for (Requirement r : mine) {
            String child = r.target();
            for (String dir = parent(child); !dir.equals(child); child = dir, dir = parent(dir)) {
                usedChildren.computeIfAbsent(dir, d -> new TreeSet<>()).add(child);
            }
        }
        List<Requirement> out = new ArrayList<>(in.stream().filter(r -> r.need() != need).toList());
        Set<Requirement> left = new LinkedHashSet<>(mine);
        for (Map.Entry<String, Set<String>> e : usedChildren.entrySet()) {
            String dir = e.getKey();
            if (e.getValue().size() < DIRECTORY_THRESHOLD || !collapsible(dir)
                    || need.writable() && !persistence.opened(files.realPath(dir)).isEmpty()) {
                continue;
            }
            List<Requirement> below = left.stream().filter(r -> isBelow(r.target(), dir) || r.target().equals(dir)).toList();
            if (below.isEmpty()) {
                continue;
            }
            below.forEach(left::remove);
            Set<String> verbs = new TreeSet<>();
            Set<String> programs = new TreeSet<>();
            below.forEach(r -> {
                verbs.addAll(r.verbs());
                programs.addAll(r.programs());
            });
            out.add(new Requirement(dir, need, verbs, programs, below.size()));
        }
        out.addAll(left);
        return out;
    }

    private boolean collapsible(String dir) {
        return depth(dir) >= 2 && !systemWide(dir) && !holdsHome(dir) && !holdsHome(files.realPath(dir))
                && !secretStore(dir) && !secretStore(files.realPath(dir)) && files.isDirectory(dir);
    }

    private boolean secretStore(String dir) {
        return dir.equals(home + "/.config") || SECRET_STORES.stream().map(store -> home + "/" + store)
                .anyMatch(store -> dir.equals(store) || isBelow(dir, store));
    }

    private boolean holdsHome(String dir) {
        return dir.equals(home) || isBelow(home, dir);
    }

    /** A directory too broad to stand for a few files in it, or one above such: {@code /}, {@code /usr}, … */
    private static boolean systemWide(String dir) {
        return MULTIARCH.matcher(dir).matches() || TOO_BROAD.stream().anyMatch(b -> b.equals(dir) || isBelow(b, dir));
    }

    /** Drops a path entry that an entry above it (so a directory, granted beneath) already grants. */
    private static List<Requirement> withoutCovered(List<Requirement> in) {
        List<Requirement> directories = in.stream()
                .filter(r -> r.need() == Need.RO || r.need() == Need.LS || r.need().writable()).toList();
        return in.stream().filter(r -> directories.stream().noneMatch(d -> d != r && d.need().covers(r.need())
                && (isBelow(r.target(), d.target()) || d.target().equals(r.target())))).toList();
    }

    /**
     * TOML strings hold only UTF-8: a path whose name is not valid UTF-8 is granted through the
     * nearest directory above it whose path is.
     */
    private static List<Requirement> expressible(List<Requirement> in) {
        List<Requirement> out = new ArrayList<>();
        for (Requirement r : in) {
            if (r.need().port().isPresent() || TraceText.utf8(r.target()).isPresent()) {
                out.add(r);
                continue;
            }
            String dir = parent(r.target());
            while (TraceText.utf8(dir).isEmpty()) {
                dir = parent(dir);
            }
            Set<String> verbs = new TreeSet<>(r.verbs());
            verbs.add("a name below it that is not UTF-8");
            out.add(new Requirement(dir, r.need() == Need.UNIX || r.need() == Need.EXECUTABLE ? Need.RO : r.need(),
                    verbs, r.programs(), Math.max(1, r.below())));
        }
        return out;
    }

    /** One requirement per need and target, the reasons joined, in first-seen order. */
    private static List<Requirement> merged(List<Requirement> in) {
        Map<String, Requirement> out = new LinkedHashMap<>();
        for (Requirement r : in) {
            out.merge(r.need() + " " + r.target(), r, Requirement::merge);
        }
        return List.copyOf(out.values());
    }

    /** The directory a path (a byte string) is in; {@code /} for {@code /} itself. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    static boolean isBelow(String path, String dir) {
        return dir.equals("/") ? !path.equals("/") : path.startsWith(dir + "/");
    }

    private static int depth(String path) {
        return path.equals("/") ? 0 : (int) path.chars().filter(c -> c == '/').count();
    }
}
