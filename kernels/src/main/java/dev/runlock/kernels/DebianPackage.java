package dev.runlock.kernels;

import java.nio.file.Path;

/**
 * A downloaded Debian package.
 *
 * @param name    package name, e.g. {@code linux-image-6.1.0-50-amd64}
 * @param version exact Debian version, e.g. {@code 6.1.176-1}
 * @param deb     the cached {@code .deb} file
 */
public record DebianPackage(String name, String version, Path deb) {}
