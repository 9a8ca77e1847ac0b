package dev.runlock.elf;

/**
 * A command or one of the files it needs cannot be resolved. The message is a single line naming
 * the file and the problem, fit to be shown to the user as is.
 */
public final class ResolveException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param file the culprit as the user or the file system named it
     * @param problem what is wrong with it
     */
    public ResolveException(String file, String problem) {
        super(oneLine(file) + ": " + oneLine(problem));
    }

    /** File names come from users and from untrusted binaries: keep control characters out. */
    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
