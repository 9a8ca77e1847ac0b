package dev.runlock.cli.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Persistence points: paths that code outside the sandbox runs or trusts later ({@code .git/hooks},
 * shell rc files, {@code ~/.ssh}, build-tool init scripts and wrappers, runlock's own trust store).
 * Writing one is an escape with a delay. One table in the jar ({@code persistence-points}), read
 * by presets' checks, {@code --explain} and {@code learn}, resolved against one user's home.
 */
public final class PersistencePoints {
    static final String RESOURCE = "persistence-points";

    /** Where a point's path is found. */
    enum Where {
        /** Below {@code $HOME}. */
        HOME,
        /** Below {@code $XDG_CONFIG_HOME}, else {@code ~/.config}. */
        CONFIG,
        /** In any directory: a project's own. */
        PROJECT
    }

    /** One line of the table. */
    record Point(Where where, Path path) {
    }

    private final List<Path> homes;
    private final List<Path> anchored;
    private final List<Path> project;

    private PersistencePoints(List<Path> homes, List<Path> anchored, List<Path> project) {
        this.homes = homes.stream().map(PersistencePoints::real).toList();
        this.anchored = List.copyOf(anchored);
        this.project = List.copyOf(project);
    }

    /**
     * The built-in table for the user {@code environment} names ({@code HOME}, {@code XDG_CONFIG_HOME})
     * and for the account runlock runs as (its home in the password database, the JVM's
     * {@code user.home}): the environment may lie, and a {@code HOME} elsewhere must not hide the
     * real home's points from a preset's link or {@code TMPDIR} that leads there.
     */
    public static PersistencePoints of(Map<String, String> environment) {
        return of(environment, absolute(System.getProperty("user.home")));
    }

    /** The table for {@code environment} and the account home {@code account}, if any. */
    static PersistencePoints of(Map<String, String> environment, Optional<Path> account) {
        Optional<Path> home = absolute(environment.get("HOME"));
        Optional<Path> config = absolute(environment.get("XDG_CONFIG_HOME")).or(() -> home.map(h -> h.resolve(".config")));
        List<Path> homes = Stream.concat(home.stream(), account.stream()).distinct().toList();
        List<Path> configs = Stream.concat(config.stream(), account.map(a -> a.resolve(".config")).stream()).distinct()
                .toList();
        List<Path> anchored = new ArrayList<>();
        List<Path> project = new ArrayList<>();
        for (Point point : Table.POINTS) {
            switch (point.where()) {
                case HOME -> homes.forEach(h -> anchored.add(h.resolve(point.path())));
                case CONFIG -> configs.forEach(c -> anchored.add(c.resolve(point.path())));
                case PROJECT -> project.add(point.path());
            }
        }
        return new PersistencePoints(homes, anchored, project);
    }

    /**
     * Whether {@code path} is a persistence point or lies inside one, as named or where its links
     * lead ({@code ~/.bashrc} linked into a dotfiles directory is one as named).
     */
    public boolean isPersistencePoint(Path path) {
        Path named = path.toAbsolutePath().normalize();
        Path parent = named.getParent();
        // The link itself, in its directory's real place: a home reached through a link holds it.
        Path link = parent == null ? named : real(parent).resolve(named.getFileName());
        return isPoint(named) || isPoint(link) || isPoint(real(named));
    }

    private boolean isPoint(Path p) {
        if (anchored.stream().anyMatch(p::startsWith)) {
            return true;
        }
        for (Path point : project) {
            for (int i = 0; i + point.getNameCount() <= p.getNameCount(); i++) {
                if (p.subpath(i, i + point.getNameCount()).equals(point)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The persistence points a grant on {@code dir} (and beneath it) reaches: {@code dir} itself if
     * it is one or lies in one; each point of the home below it, existing or not (it can be
     * created); each project point in it whose first directory exists ({@code .git/hooks} where
     * there is a {@code .git}), or that exists ({@code .envrc}).
     */
    public List<Path> within(Path dir) {
        Path d = real(dir);
        Set<Path> reached = new LinkedHashSet<>();
        if (isPersistencePoint(d)) {
            reached.add(d);
        }
        anchored.stream().filter(p -> p.startsWith(d) && !p.equals(d)).forEach(reached::add);
        for (Path point : project) {
            projectPoint(d, point).ifPresent(reached::add);
        }
        return List.copyOf(reached);
    }

    /** The points of the home and config directory that {@code dir} is or lies in, or that lie below it, existing or not. */
    public List<Path> homePoints(Path dir) {
        Path d = real(dir);
        return anchored.stream().filter(p -> d.startsWith(p) || p.startsWith(d)).toList();
    }

    /**
     * The user's points a grant on {@code dir} would open: the one it lies in; those of the home
     * and config directory below it that exist; and, for a {@code dir} inside the home, where only
     * the user creates files, those that could be created there and the project points in it
     * ({@code TMPDIR=~/.local} opens {@code ~/.local/bin}). Never what others can leave in a shared
     * directory (a {@code .git} in {@code /tmp}): that would let anyone take a preset away.
     */
    public List<Path> userPoints(Path dir) {
        Path d = real(dir);
        boolean inHome = homes.stream().anyMatch(d::startsWith);
        List<Path> points = new ArrayList<>(anchored.stream().filter(p -> d.startsWith(p)
                || p.startsWith(d) && (inHome || Files.exists(p, LinkOption.NOFOLLOW_LINKS))).toList());
        if (inHome) {
            project.forEach(point -> projectPoint(d, point).ifPresent(points::add));
        }
        return List.copyOf(points);
    }

    /**
     * Where {@code point} lies below {@code dir}: in it ({@code .git/hooks} when {@code .git} is a
     * directory there, the {@code .git} file itself where it is one, {@code .envrc} when it exists), or beside the part of it that {@code dir}
     * ends with ({@code hooks} in a {@code .git}).
     */
    private static Optional<Path> projectPoint(Path dir, Path point) {
        for (int k = point.getNameCount() - 1; k > 0; k--) {
            if (dir.getNameCount() >= k && dir.endsWith(point.subpath(0, k))) {
                return Optional.of(dir.resolve(point.subpath(k, point.getNameCount())));
            }
        }
        Path first = dir.resolve(point.getName(0));
        if (point.getNameCount() > 1 && Files.isRegularFile(first, LinkOption.NOFOLLOW_LINKS)) {
            // A worktree's or submodule's .git file: it names the repository whose hooks and config
            // git runs, and whoever can write it can point it at another.
            return Optional.of(first);
        }
        Path candidate = dir.resolve(point);
        boolean reachable = point.getNameCount() > 1 ? Files.isDirectory(dir.resolve(point.getName(0)))
                : Files.exists(candidate);
        return reachable ? Optional.of(candidate) : Optional.empty();
    }

    /** {@code value} as a real path; empty when unset, relative or not a name Java can hold (not UTF-8). */
    private static Optional<Path> absolute(String value) {
        if (value == null || !value.startsWith("/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(real(Path.of(value)));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** {@code path} absolute, normalised and, when it exists, with links resolved, as Landlock sees it. */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            return absolute;
        }
    }

    /** The built-in table, read once. */
    private static final class Table {
        static final List<Point> POINTS = read();
    }

    private static List<Point> read() {
        try (InputStream in = PersistencePoints.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from runlock's jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table's lines, {@code WHERE PATH}; comments and blank lines skipped. */
    static List<Point> parse(String text) {
        List<Point> points = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            String[] fields = content.split("\\s+", 2);
            Path path = fields.length == 2 ? Path.of(fields[1]) : Path.of("");
            if (path.toString().isEmpty() || path.isAbsolute() || !path.normalize().equals(path) || path.startsWith("..")) {
                throw new IllegalStateException(RESOURCE + ": malformed line '" + content + "'");
            }
            points.add(new Point(Where.valueOf(fields[0].toUpperCase(Locale.ROOT)), path));
        }
        return points;
    }
}
