package dev.runlock.conformance;

/** JSON string literals for the harnesses' reports (this suite's, the kernel and container matrices'). */
public final class Json {
    private Json() {
    }

    /** {@code text} as a quoted JSON string. */
    public static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\t' -> json.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        json.append("\\u%04x".formatted((int) ch));
                    } else {
                        json.append(ch);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
