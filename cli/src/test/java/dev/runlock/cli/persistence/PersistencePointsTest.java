package dev.runlock.cli.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table of paths code outside the sandbox runs or trusts later, and what a writable grant reaches of it. */
class PersistencePointsTest {
    private static final PersistencePoints USER = PersistencePoints.of(Map.of("HOME", "/home/u"));

    @TempDir
    Path dir;

    @Test
    void homeConfigAndProjectPointsAndWhatLiesInThem() {
        assertThat(USER.isPersistencePoint(Path.of("/home/u/.bashrc"))).isTrue();
        assertThat(USER.isPersistencePoint(Path.of("/home/u/.ssh/authorized_keys"))).isTrue();
        assertThat(USER.isPersistencePoint(Path.of("/home/u/.config/runlock/trusted"))).isTrue();
        assertThat(USER.isPersistencePoint(Path.of("/home/u/.config/systemd/user/x.service"))).isTrue();
        assertThat(USER.isPersistencePoint(Path.of("/srv/app/.git/hooks/pre-commit"))).isTrue();
        assertThat(USER.isPersistencePoint(Path.of("/srv/app/.envrc"))).isTrue();
        // Controls: a cache, a project's sources, a file merely named like a point elsewhere.
        assertThat(USER.isPersistencePoint(Path.of("/home/u/.m2/repository/a.jar"))).isFalse();
        assertThat(USER.isPersistencePoint(Path.of("/srv/app/src/hooks"))).isFalse();
        assertThat(USER.isPersistencePoint(Path.of("/srv/app/.bashrc"))).isFalse();
        assertThat(USER.isPersistencePoint(Path.of("/home/u"))).isFalse();
    }

    @Test
    void theAccountsHomeKeepsItsPointsWhateverHomeSays() {
        PersistencePoints elsewhere = PersistencePoints.of(Map.of("HOME", "/srv/agent"), Optional.of(Path.of("/home/u")));
        assertThat(elsewhere.isPersistencePoint(Path.of("/home/u/.bashrc"))).isTrue();
        assertThat(elsewhere.isPersistencePoint(Path.of("/home/u/.config/autostart/x.desktop"))).isTrue();
        assertThat(elsewhere.isPersistencePoint(Path.of("/srv/agent/.bashrc"))).isTrue();
        assertThat(elsewhere.userPoints(Path.of("/home/u/.config"))).contains(Path.of("/home/u/.config/autostart"));
        assertThat(PersistencePoints.of(Map.of("HOME", "/srv/agent"), Optional.empty())
                .isPersistencePoint(Path.of("/home/u/.bashrc"))).as("control: HOME alone").isFalse();
    }

    @Test
    void xdgConfigHomeMovesTheConfigPoints() {
        PersistencePoints xdg = PersistencePoints.of(Map.of("HOME", "/home/u", "XDG_CONFIG_HOME", "/cfg"));
        assertThat(xdg.isPersistencePoint(Path.of("/cfg/runlock/trusted"))).isTrue();
        assertThat(xdg.isPersistencePoint(Path.of("/home/u/.config/runlock/trusted"))).isFalse();
        assertThat(PersistencePoints.of(Map.of(), Optional.empty()).isPersistencePoint(Path.of("/root/.bashrc")))
                .as("no home: only project points").isFalse();
        assertThat(PersistencePoints.of(Map.of("HOME", "/home/\uDCFFu")).isPersistencePoint(Path.of("/srv/.envrc")))
                .as("a home Java cannot name is no home").isTrue();
    }

    @Test
    void aWritableHomeReachesEveryHomePointExistingOrNot() {
        assertThat(USER.within(Path.of("/home/u"))).contains(Path.of("/home/u/.bashrc"), Path.of("/home/u/.ssh"),
                Path.of("/home/u/.config/runlock"), Path.of("/home/u/.gradle/init.d"));
        assertThat(USER.within(Path.of("/home/u/.m2"))).containsExactly(Path.of("/home/u/.m2/settings.xml"),
                Path.of("/home/u/.m2/wrapper"));
        assertThat(USER.within(Path.of("/home/u/.m2/repository"))).isEmpty();
        assertThat(USER.within(Path.of("/home/u/.ssh"))).containsExactly(Path.of("/home/u/.ssh"));
    }

    @Test
    void aWritableRepositoryReachesItsHooksAndConfig() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo/.git/hooks"));
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThat(USER.within(repo.getParent().getParent())).containsExactly(dir.resolve("repo/.git/hooks"),
                dir.resolve("repo/.git/config"), dir.resolve("repo/.git/modules"));
        assertThat(USER.within(repo.getParent())).as("the .git directory itself").containsExactly(
                dir.resolve("repo/.git/hooks"), dir.resolve("repo/.git/config"), dir.resolve("repo/.git/modules"));
        assertThat(USER.within(plain)).isEmpty();
        Files.writeString(plain.resolve(".envrc"), "");
        assertThat(USER.within(plain)).containsExactly(plain.resolve(".envrc"));
    }

    @Test
    void theUsersExistingPointsInADirectoryIgnoreWhatOthersLeaveInAProject() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        PersistencePoints user = PersistencePoints.of(Map.of("HOME", home.toString()));
        Files.createDirectories(dir.resolve(".git/hooks"));
        assertThat(user.userPoints(dir)).isEmpty();
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        assertThat(user.userPoints(dir)).containsExactly(ssh);
        assertThat(user.userPoints(ssh.resolve("keys"))).as("inside one").containsExactly(ssh);
    }

    @Test
    void aWorktreesGitFileIsAPoint() throws IOException {
        Path worktree = Files.createDirectories(dir.resolve("wt"));
        Files.writeString(worktree.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/wt\n");
        Path plain = Files.createDirectories(dir.resolve("plain"));

        assertThat(USER.within(worktree)).containsExactly(worktree.resolve(".git"));
        assertThat(USER.within(plain)).isEmpty();
    }

    /** Only the user creates files in the home: there a point that could be made counts, and a project's. */
    @Test
    void insideTheHomeAPointThatCouldBeCreatedAndAProjectsPointsCount() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        PersistencePoints user = PersistencePoints.of(Map.of("HOME", home.toString()));
        Path local = Files.createDirectories(home.resolve(".local"));
        Path repo = Files.createDirectories(home.resolve("proj/.git")).getParent();
        Path plain = Files.createDirectories(home.resolve("plain"));

        assertThat(user.userPoints(local)).as("~/.local/bin does not exist yet").contains(local.resolve("bin"));
        assertThat(user.userPoints(repo)).contains(repo.resolve(".git/hooks"), repo.resolve(".git/config"));
        assertThat(user.userPoints(plain)).isEmpty();
    }

    @Test
    void aPointIsOneAsNamedAndWhereItsLinkLeadsAndAHomeLinkIsFollowed() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real-home"));
        Path home = Files.createSymbolicLink(dir.resolve("home"), real);
        Path dotfiles = Files.createDirectories(real.resolve("dotfiles"));
        Path bashrc = Files.createSymbolicLink(real.resolve(".bashrc"), Files.writeString(dotfiles.resolve("bashrc"), ""));
        PersistencePoints user = PersistencePoints.of(Map.of("HOME", home.toString()));
        assertThat(user.isPersistencePoint(home.resolve(".bashrc"))).isTrue();
        assertThat(user.isPersistencePoint(bashrc)).isTrue();
        assertThat(user.isPersistencePoint(dotfiles.resolve("bashrc"))).as("the file a link leads to, as named").isFalse();
        assertThat(user.within(home)).contains(real.resolve(".bashrc"));
    }

    @Test
    void aMalformedLineIsRefused() {
        assertThatThrownBy(() -> PersistencePoints.parse("home /etc/passwd\n")).hasMessageContaining("malformed");
        assertThatThrownBy(() -> PersistencePoints.parse("home ../x\n")).hasMessageContaining("malformed");
        assertThatThrownBy(() -> PersistencePoints.parse("home\n")).hasMessageContaining("malformed");
        assertThat(PersistencePoints.parse("# c\n\nproject .envrc\n")).hasSize(1);
    }
}
