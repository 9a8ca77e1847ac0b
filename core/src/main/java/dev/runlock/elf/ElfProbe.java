package dev.runlock.elf;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Opens candidate files once per resolution and keeps what they turned out to be. */
final class ElfProbe {

    private final Map<Path, Optional<ElfFile>> seen = new HashMap<>();
    private final RootedFiles files;
    private final ClosureCollector out;

    ElfProbe(RootedFiles files, ClosureCollector out) {
        this.files = files;
        this.out = out;
    }

    /**
     * The ELF file at {@code path} if it exists and a loader of {@code abi} would accept it; files
     * that are not ELF at all are skipped with a warning, as are other architectures (silently).
     *
     * @throws ResolveException if the file is a malformed ELF file
     */
    Optional<ElfFile> compatible(Path path, ElfAbi abi) {
        return seen.computeIfAbsent(path, this::read).filter(elf -> abi.accepts(elf.abi()));
    }

    private Optional<ElfFile> read(Path path) {
        Path target = files.target(path);
        if (!Files.isRegularFile(target)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(target)) {
            ByteInput input = new ByteInput.OfChannel(channel);
            byte[] magic = new byte[4];
            if (input.size() < magic.length) {
                out.warn(path + ": skipped, too short to be a library");
                return Optional.empty();
            }
            input.read(0, magic.length, ByteOrder.LITTLE_ENDIAN).get(magic);
            if (!ElfReader.hasMagic(magic)) {
                out.warn(path + ": skipped, not an ELF file");
                return Optional.empty();
            }
            return Optional.of(ElfReader.read(input, path.toString()));
        } catch (IOException e) {
            out.warn(path + ": skipped, cannot read: " + e.getMessage());
            return Optional.empty();
        }
    }
}
