package dev.runlock.elf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A directory standing in for {@code /}, holding crafted programs, libraries and loader files. */
record FakeRoot(Path dir) {

    static final String GLIBC_LOADER = "/lib64/ld-linux-x86-64.so.2";

    /** Writes {@code bytes} at the guest path {@code name}, executable, and returns its host path. */
    Path write(String name, byte[] bytes) {
        try {
            Path file = host(name);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path write(String name, ElfBytes elf) {
        return write(name, elf.build());
    }

    /** Creates a symlink at {@code name} whose content is {@code target}, verbatim. */
    Path link(String name, String target) {
        try {
            Path link = host(name);
            Files.createDirectories(link.getParent());
            return Files.createSymbolicLink(link, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path host(String name) {
        return dir.resolve(name.substring(1));
    }

    /** A glibc loader at its usual place, so that programs naming it resolve. */
    FakeRoot withGlibcLoader() {
        write(GLIBC_LOADER, ElfBytes.library().soname("ld-linux-x86-64.so.2"));
        return this;
    }

    ExecutableResolver resolver(String ldLibraryPath) {
        return new ExecutableResolver(new LoaderEnvironment("/usr/bin:/bin", ldLibraryPath, dir));
    }
}
