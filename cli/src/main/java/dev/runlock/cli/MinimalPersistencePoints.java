package dev.runlock.cli;

import dev.runlock.cli.learn.PersistencePoints;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The persistence points learn knows until the presets' shared table (issue 23.12) takes its place:
 * those in {@code $HOME}, and in any directory a git repository's hooks and config and direnv's
 * {@code .envrc}. Paths are real paths as byte strings, as {@link PersistencePoints} gets them.
 */
final class MinimalPersistencePoints implements PersistencePoints {
    /** Below $HOME: run by a shell, a desktop session, systemd, a build tool or runlock itself, or trusted by ssh and gpg. */
    private static final List<String> IN_HOME = List.of(".bashrc", ".bash_profile", ".bash_login", ".bash_logout",
            ".profile", ".zshrc", ".zprofile", ".zshenv", ".config/fish", ".ssh", ".gnupg", ".config/autostart",
            ".config/systemd/user", ".local/bin", ".gitconfig", ".config/git", ".gradle/init.d",
            ".gradle/gradle.properties", ".m2/settings.xml", ".npmrc", ".config/runlock");
    /** In any directory: what git and direnv run from a working tree. */
    private static final List<String> IN_ANY_DIRECTORY = List.of(".git/hooks", ".git/config", ".envrc");

    private final List<String> inHome = new ArrayList<>();

    /** @param home the real path of $HOME, as a byte string */
    MinimalPersistencePoints(String home) {
        IN_HOME.forEach(p -> inHome.add(home.equals("/") ? "/" + p : home + "/" + p));
    }

    @Override
    public List<String> opened(String path) {
        List<String> opened = new ArrayList<>();
        for (String point : inHome) {
            if (point.equals(path) || point.startsWith(path.equals("/") ? "/" : path + "/") || path.startsWith(point + "/")) {
                opened.add(point);
            }
        }
        for (String point : IN_ANY_DIRECTORY) {
            int at = path.indexOf("/" + point);
            if (at >= 0 && (path.length() == at + point.length() + 1 || path.charAt(at + point.length() + 1) == '/')) {
                opened.add(path.substring(0, at + point.length() + 1));
            } else {
                TracedRun.path(path + "/" + point).filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS))
                        .ifPresent(p -> opened.add(path + "/" + point));
            }
        }
        return opened;
    }
}
