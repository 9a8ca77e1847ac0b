package dev.runlock.cli;

import dev.runlock.sandbox.Policy;
import java.util.List;
import java.util.Set;

/**
 * What one invocation asks for, flags and {@code sandbox.toml} merged, before auto-import.
 *
 * @param env the command's environment, {@code KEY=VALUE}
 * @param imports which files of the command's closure to grant
 * @param executableDependencies more executables whose closure is imported
 */
record Request(Policy policy, List<String> env, Set<Integer> keepFds, Imports imports,
               List<String> executableDependencies) {

    /** Which parts of a command's closure are granted automatically. */
    enum Imports {
        /** The default: executable, interpreters and libraries. */
        ALL,
        /** landrun's {@code --add-exec} alone. */
        EXECUTABLE,
        /** landrun's {@code --ldd} alone: the libraries and the ELF interpreter. */
        LIBRARIES,
        NONE;

        static Imports of(boolean auto, boolean addExec, boolean ldd) {
            if (auto || (addExec && ldd)) {
                return ALL;
            }
            return addExec ? EXECUTABLE : ldd ? LIBRARIES : NONE;
        }
    }
}
