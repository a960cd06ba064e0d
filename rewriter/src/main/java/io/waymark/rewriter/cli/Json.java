package io.waymark.rewriter.cli;

import java.util.Map;

/** Just enough JSON output for the commands: objects of strings, numbers, booleans and nested objects. */
final class Json {

    private Json() {
    }

    @SuppressWarnings("unchecked")
    static String object(Map<String, Object> fields) {
        StringBuilder out = new StringBuilder("{");
        fields.forEach((k, v) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(string(k)).append(':');
            if (v instanceof Map<?, ?> nested) {
                out.append(object((Map<String, Object>) nested));
            } else {
                out.append(v == null ? "null" : v instanceof Number || v instanceof Boolean ? v.toString() : string(v.toString()));
            }
        });
        return out.append('}').toString();
    }

    static String string(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
