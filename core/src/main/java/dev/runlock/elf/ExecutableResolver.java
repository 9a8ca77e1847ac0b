package dev.runlock.elf;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds what the kernel and the dynamic loader open to start a command: the command's file (found
 * as execvp finds it), its {@code #!} interpreters, its ELF interpreter and its shared libraries,
 * each with the links leading to it. Pure Java: reads ELF headers and {@code /etc/ld.so.cache},
 * runs nothing.
 *
 * <p>An instance reads the loader cache once and keeps it; it is safe for use by several threads.
 */
public final class ExecutableResolver {

    /** How many {@code #!} interpreters may be scripts themselves, one inside the other. */
    static final int MAX_SCRIPT_DEPTH = 4;

    private static final String LD_SO_CACHE = "/etc/ld.so.cache";
    private static final long MAX_CACHE_SIZE = 64L << 20;

    private final LoaderEnvironment environment;
    private final RootedFiles files;
    private final CommandLookup lookup;
    private LdCacheState cache;

    private record LdCacheState(Optional<LdCache> cache, List<String> warnings) {}

    public ExecutableResolver(LoaderEnvironment environment) {
        this.environment = environment;
        this.files = new RootedFiles(environment.root());
        this.lookup = new CommandLookup(environment.path(), files);
    }

    /**
     * Resolves one command.
     *
     * @param command argv[0]: a path (with a slash) or a name to look up on PATH
     * @throws ResolveException if the command cannot be found or executed, or a file it needs is
     *     malformed; a missing library is only a warning in the result
     */
    public ExecClosure resolve(String command) {
        Path file = lookup.find(command);
        ClosureCollector out = new ClosureCollector(files);
        importExecutable(file, FileRole.COMMAND, 0, List.of(), out);
        return out.toClosure(file);
    }

    /**
     * The libraries the loader maps when {@code program} dlopens each of {@code sonames} (NSS
     * modules, plugins), found as the loader finds them for that program, without the program's own
     * closure. A name that is not found is left out.
     *
     * @throws ResolveException as {@link #resolve(String)} for the program
     */
    public List<Path> dlopened(String program, List<String> sonames) {
        ClosureCollector out = new ClosureCollector(files);
        importExecutable(lookup.find(program), FileRole.COMMAND, 0, sonames, out);
        return out.dlopened();
    }

    /** Resolves each command, as for {@code executable_dependencies}. */
    public List<ExecClosure> resolveAll(List<String> commands) {
        return commands.stream().map(this::resolve).toList();
    }

    private void importExecutable(Path file, FileRole role, int depth, List<String> dlopened, ClosureCollector out) {
        String name = file.toString();
        Path realPath = out.add(file, role);
        try (FileChannel channel = FileChannel.open(files.target(file))) {
            ByteInput input = new ByteInput.OfChannel(channel);
            byte[] start = new byte[(int) Math.min(input.size(), Shebang.LINE_LIMIT)];
            input.read(0, start.length, ByteOrder.LITTLE_ENDIAN).get(start);
            if (ElfReader.hasMagic(start)) {
                ElfFile elf = ElfReader.read(input, name);
                // Without PT_INTERP the kernel maps nothing else: static programs import themselves.
                elf.interpreter().ifPresent(interpreter ->
                        LibraryClosure.load(realPath, elf, interpreter, search(interpreter), dlopened, files, out));
            } else if (Shebang.hasMagic(start)) {
                importInterpreter(name, Shebang.parse(start, name), depth, dlopened, out);
            } else {
                throw new ResolveException(name, start.length == 0 ? "empty file, not a program"
                        : "not an ELF file and has no #! line");
            }
        } catch (IOException e) {
            throw new ResolveException(name, "cannot read: " + e.getMessage());
        }
    }

    private void importInterpreter(String script, Shebang shebang, int depth, List<String> dlopened,
            ClosureCollector out) {
        if (depth == MAX_SCRIPT_DEPTH) {
            throw new ResolveException(script, "#! interpreters nested more than " + MAX_SCRIPT_DEPTH + " deep");
        }
        String interpreter = shebang.interpreter();
        String label = script + ": #! interpreter " + interpreter;
        Path file = files.host(interpreter);
        CommandLookup.requireExecutable(label, files.target(file));
        importExecutable(file, FileRole.SCRIPT_INTERPRETER, depth + 1, dlopened, out);
        if (shebang.isEnv()) {
            shebang.envCommand().ifPresent(command -> {
                Path target;
                try {
                    target = lookup.find(command);
                } catch (ResolveException e) {
                    throw new ResolveException(label, e.getMessage());
                }
                importExecutable(target, FileRole.SCRIPT_INTERPRETER, depth + 1, dlopened, out);
            });
        }
    }

    private LibrarySearch search(String interpreter) {
        Optional<String> ldLibraryPath = Optional.ofNullable(environment.ldLibraryPath());
        Optional<MuslSearch> musl = MuslSearch.forInterpreter(interpreter, files, ldLibraryPath);
        if (musl.isPresent()) {
            return musl.get();
        }
        return new GlibcSearch(files, ldLibraryPath, () -> ldCache().cache(), () -> ldCache().warnings(),
                new ArrayList<>());
    }

    /** The loader cache, read on first use: a missing cache is normal, a broken one is ignored as glibc does. */
    private synchronized LdCacheState ldCache() {
        if (cache == null) {
            cache = readLdCache();
        }
        return cache;
    }

    private LdCacheState readLdCache() {
        Path file = files.host(LD_SO_CACHE);
        try {
            if (Files.size(file) > MAX_CACHE_SIZE) {
                return new LdCacheState(Optional.empty(), List.of(file + ": ignored, larger than " + MAX_CACHE_SIZE
                        + " bytes"));
            }
            return new LdCacheState(Optional.of(LdCache.parse(Files.readAllBytes(file), file.toString())), List.of());
        } catch (NoSuchFileException e) {
            return new LdCacheState(Optional.empty(), List.of());
        } catch (IOException e) {
            return new LdCacheState(Optional.empty(), List.of(file + ": ignored, cannot read: " + e.getMessage()));
        } catch (ResolveException e) {
            return new LdCacheState(Optional.empty(), List.of("ignored " + e.getMessage()));
        }
    }
}
