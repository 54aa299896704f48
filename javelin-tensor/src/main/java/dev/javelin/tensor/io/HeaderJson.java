package dev.javelin.tensor.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON subset a safetensors header uses: objects, arrays, strings and non-negative integers.
 * Parsed objects are {@code LinkedHashMap<String, Object>} (file order), arrays {@code List<Object>},
 * integers {@code Long}. Anything else (floats, booleans, null, duplicate keys) is rejected with its
 * position, which is what the reference Rust reader does for a header it cannot map to its schema.
 */
final class HeaderJson {
    private final String s;
    private int pos;

    private HeaderJson(String s) {
        this.s = s;
    }

    /** Parses one value that spans the whole text (surrounding whitespace allowed: writers pad with spaces). */
    static Object parse(String text) {
        HeaderJson p = new HeaderJson(text);
        p.skipSpace();
        Object v = p.value();
        p.skipSpace();
        if (p.pos != text.length()) throw p.error("unexpected '" + text.charAt(p.pos) + "' after the end of the header object");
        return v;
    }

    private Object value() {
        if (pos >= s.length()) throw error("unexpected end of header");
        char c = s.charAt(pos);
        if (c == '{') return object();
        if (c == '[') return array();
        if (c == '"') return string();
        if (c >= '0' && c <= '9') return integer();
        throw error("unexpected '" + c + "' (the header holds only objects, arrays, strings and non-negative integers)");
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return m;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') throw error("expected a quoted key");
            int keyAt = pos;
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            if (m.put(key, value()) != null) {
                pos = keyAt;
                throw error("duplicate key \"" + key + "\"");
            }
            skipSpace();
            char c = next();
            if (c == '}') return m;
            if (c != ',') throw errorAt(pos - 1, "expected ',' or '}' but found '" + c + "'");
        }
    }

    private List<Object> array() {
        List<Object> a = new ArrayList<>();
        pos++;
        skipSpace();
        if (peek() == ']') {
            pos++;
            return a;
        }
        while (true) {
            skipSpace();
            a.add(value());
            skipSpace();
            char c = next();
            if (c == ']') return a;
            if (c != ',') throw errorAt(pos - 1, "expected ',' or ']' but found '" + c + "'");
        }
    }

    private Long integer() {
        int start = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
        if (pos < s.length() && (s.charAt(pos) == '.' || s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            throw errorAt(start, "number " + s.substring(start, Math.min(s.length(), pos + 8)) + "... is not a non-negative integer");
        }
        if (pos - start > 1 && s.charAt(start) == '0') throw errorAt(start, "integer " + s.substring(start, pos) + " has a leading zero");
        if (pos - start > 18) throw errorAt(start, "integer " + s.substring(start, pos) + " is too large");
        return Long.parseLong(s, start, pos, 10);
    }

    private String string() {
        StringBuilder b = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= s.length()) throw error("unterminated string");
            char c = s.charAt(pos++);
            if (c == '"') return b.toString();
            if (c < 0x20) throw errorAt(pos - 1, "raw control character 0x" + Integer.toHexString(c) + " in a string");
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (pos + 4 > s.length()) throw error("truncated \\u escape");
                    try {
                        b.append((char) Integer.parseInt(s, pos, pos + 4, 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape \\u" + s.substring(pos, pos + 4));
                    }
                    pos += 4;
                }
                default -> throw errorAt(pos - 1, "bad escape \\" + e);
            }
        }
    }

    private void skipSpace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private char peek() {
        if (pos >= s.length()) throw error("unexpected end of header");
        return s.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        char got = next();
        if (got != c) throw errorAt(pos - 1, "expected '" + c + "' but found '" + got + "'");
    }

    private IllegalArgumentException error(String what) {
        return errorAt(pos, what);
    }

    private IllegalArgumentException errorAt(int at, String what) {
        return new IllegalArgumentException("bad JSON at character " + at + ": " + what);
    }

    /** Appends s as a JSON string literal. */
    static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        b.append('"');
    }
}
