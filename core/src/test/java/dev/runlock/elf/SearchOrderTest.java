package dev.runlock.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The loaders' search orders, on crafted files under a fake root. */
class SearchOrderTest {

    private static final String LIB = "libfoo.so.1";
    private static final String MULTIARCH = "/usr/lib/x86_64-linux-gnu";

    @TempDir
    Path dir;

    private FakeRoot root;

    @BeforeEach
    void setUp() {
        root = new FakeRoot(dir).withGlibcLoader();
        for (String place : List.of("/rpath", "/ldpath", "/runpath", "/cached", MULTIARCH)) {
            root.write(place + "/" + LIB, ElfBytes.library());
        }
    }

    private ExecClosure resolve(ElfBytes program, String ldLibraryPath) {
        root.write("/usr/bin/prog", program);
        return root.resolver(ldLibraryPath).resolve("prog");
    }

    private void writeCache(LdCacheBytes cache) {
        root.write("/etc/ld.so.cache", cache.build());
    }

    private static ElfBytes program() {
        return ElfBytes.executable(FakeRoot.GLIBC_LOADER).needed(LIB);
    }

    /** The libraries of a closure as guest names. */
    private List<String> libraries(ExecClosure closure) {
        return closure.files().stream().filter(f -> f.role() == FileRole.LIBRARY)
                .map(f -> "/" + dir.relativize(f.path())).toList();
    }

    record Case(String name, String rpath, String runpath, String ldLibraryPath, boolean cache, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> glibcOrder() {
        return List.of(
                new Case("RPATH before LD_LIBRARY_PATH", "/rpath", null, "/ldpath", true, "/rpath"),
                new Case("LD_LIBRARY_PATH before RUNPATH", null, "/runpath", "/ldpath", true, "/ldpath"),
                new Case("RUNPATH disables RPATH", "/rpath", "/runpath", null, true, "/runpath"),
                new Case("RUNPATH before the cache", null, "/runpath", null, true, "/runpath"),
                new Case("the cache before default dirs", null, null, null, true, "/cached"),
                new Case("default dirs without a cache", null, null, null, false, MULTIARCH),
                new Case("empty LD_LIBRARY_PATH entries are skipped over", null, null, ":/nowhere:", false, MULTIARCH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void glibcOrder(Case c) {
        if (c.cache) {
            writeCache(new LdCacheBytes().add(LdCacheBytes.X86_64, LIB, "/cached/" + LIB));
        }
        ElfBytes program = program();
        if (c.rpath != null) {
            program.rpath(c.rpath);
        }
        if (c.runpath != null) {
            program.runpath(c.runpath);
        }

        ExecClosure closure = resolve(program, c.ldLibraryPath);

        assertThat(libraries(closure)).containsExactly(c.expected + "/" + LIB);
        assertThat(closure.warnings()).isEmpty();
    }

    @Test
    void expandsOriginLibAndPlatform() {
        root.write("/usr/lib/x86_64-linux-gnu/x86_64/libbar.so", ElfBytes.library());
        root.link("/lib", "usr/lib");

        ExecClosure closure = resolve(ElfBytes.executable(FakeRoot.GLIBC_LOADER).needed("libbar.so")
                .runpath("/nowhere/$PLATFORM:$ORIGIN/../${LIB}/$PLATFORM"), null);

        assertThat(libraries(closure)).containsExactly("/usr/lib/x86_64-linux-gnu/x86_64/libbar.so");
    }

    @Test
    void skipsLibrariesOfAnotherClassOrMachine() {
        root.write("/first/" + LIB, ElfBytes.library().elf32().machine(ElfAbi.EM_386));
        root.write("/second/" + LIB, ElfBytes.library().machine(ElfAbi.EM_AARCH64));

        ExecClosure closure = resolve(program().runpath("/first:/second"), null);

        assertThat(libraries(closure)).containsExactly(MULTIARCH + "/" + LIB);
    }

    @Test
    void noDefaultLibSkipsCacheAndDefaultDirs() {
        writeCache(new LdCacheBytes().add(LdCacheBytes.X86_64, LIB, "/cached/" + LIB));

        ExecClosure closure = resolve(program().flags1(ElfReader.DF_1_NODEFLIB), null);

        assertThat(libraries(closure)).isEmpty();
        assertThat(closure.warnings()).containsExactly(LIB + " (needed by " + root.host("/usr/bin/prog") + ") not found");
    }

    @Test
    void importsEveryGlibcHwcapsVariantOfACachedLibrary() {
        root.write("/cached/glibc-hwcaps/x86-64-v3/" + LIB, ElfBytes.library());
        writeCache(new LdCacheBytes()
                .addHwcaps(LdCacheBytes.X86_64, LIB, "/cached/glibc-hwcaps/x86-64-v3/" + LIB, "x86-64-v3")
                .add(LdCacheBytes.X86_64, LIB, "/cached/" + LIB));

        ExecClosure closure = resolve(program(), null);

        assertThat(libraries(closure)).containsExactly("/cached/" + LIB, "/cached/glibc-hwcaps/x86-64-v3/" + LIB);
    }

    @Test
    void eachLibraryOnceAndTheLoaderByItsSoname() {
        root.write(MULTIARCH + "/libc.so.6", ElfBytes.library().soname("libc.so.6").needed("ld-linux-x86-64.so.2"));
        root.write(MULTIARCH + "/libm.so.6", ElfBytes.library().needed("libc.so.6"));

        ExecClosure closure = resolve(ElfBytes.executable(FakeRoot.GLIBC_LOADER)
                .needed("libm.so.6", "libc.so.6", "ld-linux-x86-64.so.2"), null);

        assertThat(closure.files()).extracting(f -> "/" + dir.relativize(f.path()), ResolvedFile::role)
                .containsExactly(
                        tuple("/usr/bin/prog", FileRole.COMMAND),
                        tuple(FakeRoot.GLIBC_LOADER, FileRole.ELF_INTERPRETER),
                        tuple(MULTIARCH + "/libm.so.6", FileRole.LIBRARY),
                        tuple(MULTIARCH + "/libc.so.6", FileRole.LIBRARY));
        assertThat(closure.warnings()).isEmpty();
    }

    @Test
    void preloadedLibrariesComeFirst() {
        root.write(MULTIARCH + "/libpre.so", ElfBytes.library());
        root.write("/etc/ld.so.preload", "libpre.so\n".getBytes(StandardCharsets.US_ASCII));

        ExecClosure closure = resolve(program(), null);

        assertThat(libraries(closure)).containsExactly(MULTIARCH + "/libpre.so", MULTIARCH + "/" + LIB);
    }

    @Test
    void brokenCacheIsIgnoredWithAWarning() {
        root.write("/etc/ld.so.cache", "garbage".getBytes(StandardCharsets.US_ASCII));

        ExecClosure closure = resolve(program(), null);

        assertThat(libraries(closure)).containsExactly(MULTIARCH + "/" + LIB);
        assertThat(closure.warnings()).singleElement().asString()
                .startsWith("ignored " + root.host("/etc/ld.so.cache") + ": ");
    }

    @Test
    void missingInterpreterIsAnError() {
        assertThatThrownBy(() -> resolve(ElfBytes.executable("/lib/ld-nowhere.so").needed(LIB), null))
                .isInstanceOf(ResolveException.class)
                .hasMessage(root.host("/usr/bin/prog") + ": ELF interpreter /lib/ld-nowhere.so does not exist or"
                        + " does not match the program");
    }

    @Test
    void absoluteLinksStayUnderTheRoot() {
        root.write("/opt/tool/prog", program());
        root.link("/usr/bin/tool", "/opt/tool/prog");

        ExecClosure closure = root.resolver(null).resolve("tool");

        assertThat(closure.files()).filteredOn(f -> f.role() == FileRole.COMMAND).extracting(ResolvedFile::path)
                .containsExactly(root.host("/usr/bin/tool"), root.host("/opt/tool/prog"));
    }

    @Test
    void muslUsesItsPathFileAndServesLibcItself() {
        String loader = "/lib/ld-musl-x86_64.so.1";
        root.write(loader, ElfBytes.library().soname("libc.musl-x86_64.so.1"));
        root.link("/lib/libc.musl-x86_64.so.1", "ld-musl-x86_64.so.1");
        root.write("/opt/musl/" + LIB, ElfBytes.library().needed("libc.musl-x86_64.so.1", "libc.so"));
        root.write("/etc/ld-musl-x86_64.path", "/opt/musl\n/lib\n".getBytes(StandardCharsets.US_ASCII));

        ExecClosure closure = resolve(ElfBytes.executable(loader).needed(LIB, "libc.musl-x86_64.so.1"), null);

        assertThat(libraries(closure)).containsExactly("/opt/musl/" + LIB);
        assertThat(closure.files()).contains(new ResolvedFile(root.host(loader), FileRole.ELF_INTERPRETER));
        assertThat(closure.warnings()).isEmpty();
    }

    @Test
    void muslFallsBackToItsDefaultPath() {
        String loader = "/lib/ld-musl-aarch64.so.1";
        root.write(loader, ElfBytes.library().machine(ElfAbi.EM_AARCH64));
        root.write("/usr/lib/" + LIB, ElfBytes.library().machine(ElfAbi.EM_AARCH64));

        ExecClosure closure = resolve(ElfBytes.executable(loader).machine(ElfAbi.EM_AARCH64).needed(LIB), null);

        assertThat(libraries(closure)).containsExactly("/usr/lib/" + LIB);
    }
}
