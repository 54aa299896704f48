package dev.javelin.rl.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Configs as records: defaults from the record's no-argument constructor, overlaid with YAML
 * (snake_case keys, nested records as sections) and {@code key=value} overrides with dotted keys.
 *
 * <p>Supported component types: primitives and their boxes, String, enums (by name, any case),
 * nested records, {@code Optional<T>} (YAML null is empty), {@code List<T>}, {@code Map<String, T>}
 * ({@code T = Object} keeps plain YAML values, for kwargs), and value classes with a public static
 * {@code parse(String)} whose {@code toString()} reads back. Validation belongs in the records'
 * compact constructors; their messages are reported with the section they occurred in.
 *
 * <pre>{@code
 * public record PpoConfig(long seed, long timesteps, int numEnvs, int rollouts,
 *                         @Key("lambda") double gaeLambda, Experiment experiment) implements TrainConfig {
 *     public PpoConfig() { this(42, 100_000, 1, 16, 0.95, new Experiment()); }   // skrl's defaults
 *     public PpoConfig {
 *         if (rollouts < 1) throw new IllegalArgumentException("rollouts must be >= 1, got " + rollouts);
 *     }
 * }
 * PpoConfig c = Configs.override(Configs.merge(Configs.defaults(PpoConfig.class), Configs.readYaml(file), file.toString()),
 *                                List.of("experiment.write_interval=100"));
 * }</pre>
 */
public final class Configs {
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Configs() {
    }

    /** The record built by its public no-argument constructor: the reference defaults. */
    public static <C extends Record> C defaults(Class<C> type) {
        try {
            Constructor<C> noArgs = type.getDeclaredConstructor();
            noArgs.setAccessible(true);
            return noArgs.newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("config record " + type.getName()
                    + " needs a public no-argument constructor that sets the defaults");
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("defaults of " + type.getName() + " are invalid: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build defaults of " + type.getName() + ": " + e, e);
        }
    }

    /** A YAML file's top-level mapping; empty file is an empty mapping. */
    public static ObjectNode readYaml(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        return parseYaml(text, "config file " + file);
    }

    /** YAML text as a mapping; {@code source} names where it came from in errors. */
    public static ObjectNode parseYaml(String text, String source) {
        JsonNode node;
        try {
            node = YAML.readTree(text);
        } catch (IOException e) {
            throw new ConfigException(source + " is not valid YAML: " + e.getMessage());
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return NODES.objectNode();
        }
        if (!node.isObject()) {
            throw new ConfigException(source + " must be a mapping of keys, got " + node.getNodeType());
        }
        return (ObjectNode) node;
    }

    /** {@code base} with the keys of {@code overlay} replaced; {@code source} names the overlay in errors. */
    @SuppressWarnings("unchecked")
    public static <C extends Record> C merge(C base, JsonNode overlay, String source) {
        Class<C> type = (Class<C>) base.getClass();
        ObjectNode tree = toTree(base);
        overlay(type, tree, overlay, "", source);
        return fromTree(type, tree);
    }

    /** {@code base} with {@code key=value} assignments applied in order; keys are dotted paths. */
    @SuppressWarnings("unchecked")
    public static <C extends Record> C override(C base, List<String> assignments) {
        Class<C> type = (Class<C>) base.getClass();
        ObjectNode tree = toTree(base);
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--set expects key=value, got '" + assignment + "'");
            }
            String key = assignment.substring(0, eq).strip();
            assign(type, tree, key, parseScalar(assignment.substring(eq + 1).strip()));
        }
        return fromTree(type, tree);
    }

    /** The record with every key present, as YAML would hold it. */
    public static ObjectNode toTree(Record config) {
        return (ObjectNode) toNode(config);
    }

    /** The config as YAML, keys in snake_case. */
    public static String toYaml(Record config) {
        return toYaml(toTree(config));
    }

    /** A config tree as YAML. */
    public static String toYaml(JsonNode tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write config as YAML: " + e.getMessage(), e);
        }
    }

    /** The YAML keys of a config record, in declaration order. */
    public static List<String> keys(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(Configs::keyOf).toList();
    }

    /** The config key of a record component: its {@link Key} if annotated, else its name in snake_case. */
    public static String keyOf(RecordComponent component) {
        Key key = component.getAnnotation(Key.class);
        return key != null ? key.value() : snakeCase(component.getName());
    }

    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void overlay(Class<?> type, ObjectNode target, JsonNode src, String path, String source) {
        if (!src.isObject()) {
            throw new ConfigException(where(source) + "expected a mapping of keys for section '" + path
                    + "', got " + describe(src));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = src.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            RecordComponent component = component(type, field.getKey(), path, source);
            String key = join(path, field.getKey());
            JsonNode value = field.getValue();
            if (isSection(component.getType()) && value.isObject()) {
                overlay(component.getType(), (ObjectNode) target.get(field.getKey()), value, key, source);
            } else {
                target.set(field.getKey(), value);
            }
        }
    }

    private static void assign(Class<?> root, ObjectNode tree, String dottedKey, JsonNode value) {
        String[] parts = dottedKey.split("\\.", -1);
        Class<?> type = root;
        ObjectNode target = tree;
        String path = "";
        for (int i = 0; i < parts.length; i++) {
            RecordComponent component = component(type, parts[i], path, "--set");
            String key = join(path, parts[i]);
            boolean last = i == parts.length - 1;
            if (last) {
                if (isSection(component.getType()) && value.isObject()) {
                    overlay(component.getType(), (ObjectNode) target.get(parts[i]), value, key, "--set");
                } else {
                    target.set(parts[i], value);
                }
                return;
            }
            if (isSection(component.getType())) {
                type = component.getType();
                target = (ObjectNode) target.get(parts[i]);
                path = key;
            } else if (Map.class.isAssignableFrom(rawOfOptional(component.getGenericType()))) {
                // kwargs: the rest of the dotted key is one map key, so values may hold dots
                JsonNode map = target.get(parts[i]);
                ObjectNode mapNode = map != null && map.isObject() ? (ObjectNode) map : NODES.objectNode();
                mapNode.set(String.join(".", Arrays.copyOfRange(parts, i + 1, parts.length)), value);
                target.set(parts[i], mapNode);
                return;
            } else {
                throw new ConfigException("--set " + dottedKey + ": '" + key + "' is a value, not a section with keys");
            }
        }
    }

    private static Class<?> rawOfOptional(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return raw(p.getActualTypeArguments()[0]);
        }
        return raw(type);
    }

    private static RecordComponent component(Class<?> type, String key, String path, String source) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (keyOf(c).equals(key)) {
                return c;
            }
        }
        @SuppressWarnings("unchecked")
        List<String> allowed = keys((Class<? extends Record>) type);
        String suggestion = closest(key, allowed).map(s -> " (did you mean '" + join(path, s) + "'?)").orElse("");
        throw new ConfigException(where(source) + "unknown config key '" + join(path, key) + "'" + suggestion
                + "; allowed keys" + (path.isEmpty() ? "" : " of '" + path + "'") + ": " + String.join(", ", allowed));
    }

    private static Optional<String> closest(String key, List<String> allowed) {
        return allowed.stream()
                .filter(a -> editDistance(a, key) <= Math.max(2, key.length() / 4))
                .min(Comparator.comparingInt(a -> editDistance(a, key)));
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static JsonNode parseScalar(String text) {
        if (text.isEmpty()) {
            return TextNode.valueOf("");
        }
        try {
            JsonNode node = YAML.readTree(text);
            return node == null || node.isMissingNode() ? TextNode.valueOf(text) : node;
        } catch (IOException e) {
            return TextNode.valueOf(text);
        }
    }

    private static <C> C fromTree(Class<C> type, ObjectNode tree) {
        return type.cast(convert(type, tree, ""));
    }

    private static Object buildRecord(Class<?> type, JsonNode node, String path) {
        if (!node.isObject()) {
            throw new ConfigException("config key '" + path + "': expected a section (mapping of keys), got "
                    + describe(node));
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            String key = keyOf(components[i]);
            JsonNode value = node.get(key);
            if (value == null) {
                throw new ConfigException("config key '" + join(path, key) + "' is missing");
            }
            args[i] = convert(components[i].getGenericType(), value, join(path, key));
            types[i] = components[i].getType();
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException ce) {
                throw ce;
            }
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                throw new ConfigException((path.isEmpty() ? "invalid config: " : "invalid config section '" + path + "': ")
                        + cause.getMessage());
            }
            throw new IllegalStateException("building config " + type.getName() + " failed: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build config record " + type.getName() + ": " + e, e);
        }
    }

    private static Object convert(Type type, JsonNode node, String key) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = raw(p.getRawType());
            Type[] args = p.getActualTypeArguments();
            if (raw == Optional.class) {
                return node.isNull() ? Optional.empty() : Optional.of(convert(args[0], node, key));
            }
            if (raw == List.class) {
                if (!node.isArray()) {
                    throw bad(key, node, "a list");
                }
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < node.size(); i++) {
                    out.add(convert(args[0], node.get(i), key + "[" + i + "]"));
                }
                return List.copyOf(out);
            }
            if (raw == Map.class) {
                if (raw(args[0]) != String.class) {
                    throw new IllegalStateException("config maps need String keys, at '" + key + "'");
                }
                if (!node.isObject()) {
                    throw bad(key, node, "a mapping");
                }
                Map<String, Object> out = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    out.put(e.getKey(), convert(args[1], e.getValue(), key + "." + e.getKey()));
                }
                return java.util.Collections.unmodifiableMap(out);
            }
            throw new IllegalStateException("unsupported config type " + type + " at '" + key + "'");
        }
        Class<?> c = raw(type);
        if (c == Object.class) {
            return plain(node);
        }
        if (isSection(c)) {
            return buildRecord(c, node, key);
        }
        if (c == String.class) {
            if (!node.isValueNode() || node.isNull()) {
                throw bad(key, node, "a string");
            }
            return node.asText();
        }
        if (c == boolean.class || c == Boolean.class) {
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            if (node.isTextual() && (node.textValue().equalsIgnoreCase("true") || node.textValue().equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(node.textValue());
            }
            throw bad(key, node, "true or false");
        }
        if (c == int.class || c == Integer.class) {
            long v = integral(node, key, "an integer");
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw bad(key, node, "an integer in 32-bit range");
            }
            return (int) v;
        }
        if (c == long.class || c == Long.class) {
            return integral(node, key, "an integer");
        }
        if (c == double.class || c == Double.class) {
            return real(node, key);
        }
        if (c == float.class || c == Float.class) {
            return (float) real(node, key);
        }
        if (c.isEnum()) {
            if (!node.isTextual()) {
                throw bad(key, node, "one of " + enumNames(c));
            }
            for (Object constant : c.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(node.textValue())) {
                    return constant;
                }
            }
            throw bad(key, node, "one of " + enumNames(c));
        }
        Method parse = parser(c);
        if (parse != null) {
            if (!node.isValueNode() || node.isNull()) {
                throw bad(key, node, "a value for " + c.getSimpleName());
            }
            try {
                return parse.invoke(null, node.asText());
            } catch (InvocationTargetException e) {
                throw new ConfigException("config key '" + key + "': bad value '" + node.asText() + "': "
                        + e.getCause().getMessage());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("unsupported config type " + c.getName() + " at '" + key + "'");
    }

    private static long integral(JsonNode node, String key, String expected) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        double d;
        if (node.isNumber()) {
            d = node.doubleValue();
        } else if (node.isTextual()) {
            try {
                d = Double.parseDouble(node.textValue().strip());
            } catch (NumberFormatException e) {
                throw bad(key, node, expected);
            }
        } else {
            throw bad(key, node, expected);
        }
        // RL Zoo writes step counts as floats (1e5): accept them when they are whole numbers
        if (d != Math.rint(d) || Math.abs(d) > 9.007199254740992E15) {
            throw bad(key, node, expected);
        }
        return (long) d;
    }

    private static double real(JsonNode node, String key) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            // YAML 1.1 reads 1e-3 (no dot) as a string
            String t = node.textValue().strip();
            switch (t.toLowerCase(Locale.ROOT)) {
                case ".inf", "inf", "+inf", "+.inf" -> { return Double.POSITIVE_INFINITY; }
                case "-.inf", "-inf" -> { return Double.NEGATIVE_INFINITY; }
                default -> { }
            }
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw bad(key, node, "a number");
            }
        }
        throw bad(key, node, "a number");
    }

    private static Object plain(JsonNode node) {
        try {
            return YAML.treeToValue(node, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A nested record is a section of keys, unless it is a value type with its own text form. */
    private static boolean isSection(Class<?> c) {
        return c.isRecord() && parser(c) == null;
    }

    private static Method parser(Class<?> c) {
        try {
            Method m = c.getMethod("parse", String.class);
            return Modifier.isStatic(m.getModifiers()) && c.isAssignableFrom(m.getReturnType()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static JsonNode toNode(Object value) {
        if (value instanceof Record r && isSection(r.getClass())) {
            ObjectNode node = NODES.objectNode();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    Method accessor = c.getAccessor();
                    accessor.setAccessible(true);
                    node.set(keyOf(c), toNode(accessor.invoke(r)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read config component " + c.getName() + ": " + e, e);
                }
            }
            return node;
        }
        if (value instanceof Optional<?> o) {
            return o.isPresent() ? toNode(o.get()) : NullNode.getInstance();
        }
        if (value instanceof Enum<?> e) {
            return TextNode.valueOf(e.name().toLowerCase(Locale.ROOT));
        }
        if (value instanceof Map<?, ?> m) {
            ObjectNode node = NODES.objectNode();
            m.forEach((k, v) -> node.set(String.valueOf(k), toNode(v)));
            return node;
        }
        if (value instanceof List<?> list) {
            var node = NODES.arrayNode();
            list.forEach(v -> node.add(toNode(v)));
            return node;
        }
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return YAML.valueToTree(value);
        }
        if (parser(value.getClass()) != null) {
            return parseScalar(value.toString());
        }
        throw new IllegalStateException("unsupported config value " + value.getClass().getName() + ": " + value);
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("unsupported config type " + type);
    }

    private static String enumNames(Class<?> c) {
        return Arrays.stream(c.getEnumConstants())
                .map(e -> ((Enum<?>) e).name().toLowerCase(Locale.ROOT)).toList().toString();
    }

    private static ConfigException bad(String key, JsonNode node, String expected) {
        return new ConfigException("config key '" + key + "': expected " + expected + ", got " + describe(node));
    }

    private static String describe(JsonNode node) {
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "'" + node.textValue() + "'";
        }
        return node.isContainerNode() ? node.getNodeType().toString().toLowerCase(Locale.ROOT) + " " + node : node.toString();
    }

    private static String where(String source) {
        return source.isEmpty() ? "" : source + ": ";
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
