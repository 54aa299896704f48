package dev.javelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.env.Envs;
import dev.javelin.rl.Algorithm;
import dev.javelin.rl.Algorithms;
import dev.javelin.rl.config.Presets;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Every command the README and docs/ show must still work as written: each {@code ./javelin ...} line of a
 * shell block parses against the real command line (and a {@code train} line's algorithm, env id, preset,
 * {@code --config} and {@code --set} keys resolve), each synopsis line {@code javelin <sub> ...} names only
 * options its subcommand has, each {@code ./mvnw} names modules and test classes that exist, and each
 * {@code tools/} script and {@code presets/} file a page mentions is in the repository; links between the pages
 * reach an existing page and heading.
 *
 * <p>Placeholders in angle brackets ({@code <run-dir>}, {@code <time>}) become a dummy word, and a token in
 * square brackets ({@code [--json]}) is parsed as given without them. A command of a tool this build does not
 * have yet is marked in its own comment with {@value #SKIP} and a reason; the mark must come off once the
 * command parses, so it cannot hide a working command from the check.
 */
class DocCommandsTest {
    /** Marks a documented command this build cannot parse yet (another branch brings it); a reason must follow. */
    static final String SKIP = "doc-check: not yet";

    static final Path ROOT = findRoot();
    private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([\\w-]*)\\s*$");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>\\s]+>");
    private static final Pattern TOOL = Pattern.compile("tools/[\\w/.-]+\\.(?:py|sh)");
    private static final Pattern PRESET = Pattern.compile("presets/[\\w.-]+/[\\w.-]+\\.yaml");

    /** One logical shell line of a doc (continuations joined), with where it starts. */
    record DocLine(Path file, int line, String text) {
        String where() {
            return ROOT.relativize(file) + ":" + line;
        }
    }

    @AfterEach
    void clearHome() {
        System.clearProperty(Presets.HOME_PROPERTY);
    }

    @Test
    void documentedJavelinCommandsParse() {
        System.setProperty(Presets.HOME_PROPERTY, ROOT.toString());
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (DocLine d : shellLines()) {
            for (List<String> cmd : commands(d.text())) {
                if (cmd.isEmpty() || !cmd.getFirst().equals("./javelin")) {
                    continue;
                }
                checked++;
                Optional<String> skip = skipReason(d.text());
                Optional<String> error = checkJavelin(cmd.subList(1, cmd.size()));
                if (skip.isPresent()) {
                    if (skip.get().isBlank()) {
                        failures.add(d.where() + ": '" + SKIP + "' needs a reason");
                    } else if (error.isEmpty()) {
                        failures.add(d.where() + ": marked '" + SKIP + "' but parses now; remove the mark: " + d.text());
                    }
                } else {
                    error.ifPresent(e -> failures.add(d.where() + ": " + String.join(" ", cmd) + "\n    " + e));
                }
            }
        }
        assertTrue(checked >= 20, "found only " + checked + " ./javelin commands in README.md and docs/: is the extraction broken?");
        assertTrue(failures.isEmpty(), () -> "documented commands that no longer work:\n" + String.join("\n", failures));
    }

    @Test
    void synopsisLinesNameOnlyExistingOptions() {
        CommandLine main = Main.commandLine();
        List<String> failures = new ArrayList<>();
        for (DocLine d : shellLines()) {
            List<String> tokens = tokens(stripComment(d.text()));
            if (tokens.size() < 2 || !tokens.getFirst().equals("javelin") || skipReason(d.text()).isPresent()) {
                continue;
            }
            CommandLine sub = main.getSubcommands().get(tokens.get(1));
            if (sub == null) {
                failures.add(d.where() + ": no subcommand '" + tokens.get(1) + "' in: " + d.text());
                continue;
            }
            // nested subcommands (javelin cluster learner ...): the options belong to the innermost one named
            String name = tokens.get(1);
            for (int i = 2; i < tokens.size() && sub.getSubcommands().containsKey(tokens.get(i)); i++) {
                sub = sub.getSubcommands().get(tokens.get(i));
                name += " " + tokens.get(i);
            }
            for (String t : tokens) {
                Matcher m = Pattern.compile("^\\[?(--[a-z][\\w-]*)").matcher(t);
                if (m.find() && sub.getCommandSpec().findOption(m.group(1)) == null) {
                    failures.add(d.where() + ": javelin " + name + " has no option " + m.group(1));
                }
            }
        }
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }

    @Test
    void mavenCommandsNameExistingModulesAndTests() {
        List<String> failures = new ArrayList<>();
        List<String> testClasses = testClassNames();
        for (DocLine d : shellLines()) {
            for (List<String> cmd : commands(d.text())) {
                if (cmd.isEmpty() || !cmd.getFirst().equals("./mvnw")) {
                    continue;
                }
                for (int i = 1; i < cmd.size(); i++) {
                    String t = cmd.get(i);
                    String modules = t.equals("-pl") || t.equals("--projects") ? (i + 1 < cmd.size() ? cmd.get(++i) : "")
                            : t.startsWith("-pl=") ? t.substring(4) : null;
                    if (modules != null) {
                        for (String module : modules.split(",")) {
                            String dir = module.replaceFirst("^[!:]", "");
                            if (!Files.isRegularFile(ROOT.resolve(dir).resolve("pom.xml"))) {
                                failures.add(d.where() + ": -pl names '" + module + "', not a module of this build");
                            }
                        }
                    } else if (t.startsWith("-Dtest=")) {
                        for (String test : t.substring(7).split(",")) {
                            String cls = test.replaceFirst("#.*", "");
                            if (!cls.contains("*") && !testClasses.contains(cls)) {
                                failures.add(d.where() + ": -Dtest names '" + cls + "', no such test class");
                            }
                        }
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }

    @Test
    void mentionedScriptsAndPresetsExist() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Path file : docFiles()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                for (Pattern p : List.of(TOOL, PRESET)) {
                    Matcher m = p.matcher(lines.get(i));
                    while (m.find()) {
                        if (!Files.isRegularFile(ROOT.resolve(m.group()))) {
                            failures.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + m.group() + " does not exist");
                        }
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }

    /** Pages the README links to that other branches are writing (DESIGN.md's list); linked before they land. */
    static final Set<String> PLANNED_PAGES = Set.of("docs/cluster.md", "docs/export.md");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+\\.md)?(#[^)\\s]+)?\\)");

    /** Links between the pages point at files that exist and at headings they have (GitHub's anchors). */
    @Test
    void linksBetweenPagesResolve() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Path file : docFiles()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = LINK.matcher(lines.get(i));
                while (m.find()) {
                    if (m.group(1) == null && m.group(2) == null) {
                        continue;
                    }
                    Path target = m.group(1) == null ? file : file.getParent().resolve(m.group(1)).normalize();
                    String where = ROOT.relativize(file) + ":" + (i + 1) + ": " + m.group();
                    if (!Files.isRegularFile(target)) {
                        if (!PLANNED_PAGES.contains(ROOT.relativize(target).toString())) {
                            failures.add(where + ": no such page");
                        }
                    } else if (m.group(2) != null && !anchors(target).contains(m.group(2).substring(1))) {
                        failures.add(where + ": no such heading in " + ROOT.relativize(target));
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> out = new java.util.HashSet<>();
        boolean inBlock = false;
        for (String line : Files.readAllLines(page)) {
            if (FENCE.matcher(line).matches()) {
                inBlock = !inBlock;
            } else if (!inBlock && line.startsWith("#")) {
                String title = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(java.util.Locale.ROOT);
                out.add(title.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return out;
    }

    /** The extraction itself: a block that is not shell is ignored, continuations join, comments and brackets go. */
    @Test
    void extractionReadsShellBlocksOnly() {
        List<String> doc = List.of("text ./javelin nope", "```java", "./javelin java-block", "```", "```",
                "JAVELIN_JAVA_OPTS=\"-Da=1 -Db=2\" ./javelin bench sac \\", "    --json   # comment ./javelin x",
                "./mvnw -q verify && ./javelin bench [<name>] [--json]", "```");
        List<DocLine> lines = shellLines(Path.of("x.md"), doc);
        assertEquals(2, lines.size());
        assertEquals(6, lines.getFirst().line());
        assertEquals(List.of(List.of("./javelin", "bench", "sac", "--json")), commands(lines.getFirst().text()));
        assertEquals(List.of(List.of("./mvnw", "-q", "verify"), List.of("./javelin", "bench", "x", "--json")),
                commands(lines.get(1).text()));
        assertTrue(checkJavelin(List.of("bench", "sac", "--json")).isEmpty());
        assertFalse(checkJavelin(List.of("bench", "sac", "--jsn")).isEmpty());
        assertFalse(checkJavelin(List.of("train", "ppo", "CartPole-v1", "--set", "learning_epoch=3")).isEmpty());
        assertFalse(checkJavelin(List.of("train", "ppo", "CartPol-v1")).isEmpty());
        assertFalse(checkJavelin(List.of("eval", "run", "--episodes", "N")).isEmpty());
        Matcher link = LINK.matcher("see [x](../engine.md#arena-reusing-a-steps-arrays) and [y](#speed)");
        assertTrue(link.find());
        assertEquals("../engine.md", link.group(1));
        assertTrue(link.find());
        assertEquals("#speed", link.group(2));
    }

    /**
     * Parses {@code args} as the launcher would pass them to {@code Main}, without running anything; for
     * {@code train}, also resolves the algorithm, env id and the config (defaults, preset or an existing
     * {@code --config} file, then the {@code --set}s), which is where a renamed key would show.
     */
    static Optional<String> checkJavelin(List<String> args) {
        CommandLine cl = Main.commandLine();
        try {
            ParseResult parsed = cl.parseArgs(args.toArray(String[]::new));
            if (parsed.subcommand() != null && parsed.subcommand().commandSpec().userObject() instanceof TrainCommand train) {
                Algorithm<?> algorithm = Algorithms.find(train.algo);
                if (!Envs.ids().contains(train.envId)) {
                    return Optional.of("no env '" + train.envId + "' is registered");
                }
                train.config = train.config.map(ROOT::resolve);
                if (train.config.isPresent() && !Files.isRegularFile(train.config.get())) {
                    train.config = Optional.empty();   // a user's own file (my.yaml): the options are still checked
                }
                resolve(train, algorithm);
            }
            return Optional.empty();
        } catch (CommandLine.ParameterException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static <C extends Record & dev.javelin.rl.config.TrainConfig> void resolve(TrainCommand train, Algorithm<?> algorithm) {
        @SuppressWarnings("unchecked")
        Algorithm<C> typed = (Algorithm<C>) algorithm;
        train.resolve(typed, Optional.empty(), false, new PrintWriter(new StringWriter()));
    }

    static Optional<String> skipReason(String line) {
        int at = line.indexOf(SKIP);
        return at < 0 ? Optional.empty() : Optional.of(line.substring(at + SKIP.length()).replaceFirst("^[\\s:(]+", ""));
    }

    /** The simple commands of a shell line: split at {@code &&}, {@code ||}, {@code ;} and {@code |}, without
     * leading {@code VAR=value} assignments, placeholders replaced and optional brackets removed. */
    static List<List<String>> commands(String line) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String t : tokens(stripComment(line))) {
            if (t.equals("&&") || t.equals("||") || t.equals(";") || t.equals("|")) {
                out.add(current);
                current = new ArrayList<>();
            } else if (current.isEmpty() && t.matches("[A-Z_][A-Z0-9_]*=.*")) {
                continue;   // environment assignment before the command
            } else {
                String s = PLACEHOLDER.matcher(t).replaceAll("x");
                if (s.length() > 2 && s.startsWith("[") && s.endsWith("]") && !s.contains(",")) {
                    s = s.substring(1, s.length() - 1);
                }
                current.add(s);
            }
        }
        out.add(current);
        return out;
    }

    /** Shell words: whitespace-separated, with '...' and "..." quoting (quotes removed). */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == ';') {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                out.add(";");
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }

    /** Drops a {@code #} comment that starts a word outside quotes. */
    static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    static List<DocLine> shellLines() {
        List<DocLine> out = new ArrayList<>();
        for (Path file : docFiles()) {
            try {
                out.addAll(shellLines(file, Files.readAllLines(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Lines of fenced blocks with no language or a shell one; a line ending in {@code \} continues. */
    static List<DocLine> shellLines(Path file, List<String> lines) {
        List<DocLine> out = new ArrayList<>();
        boolean inBlock = false;
        boolean shell = false;
        StringBuilder pending = null;
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher fence = FENCE.matcher(line);
            if (fence.matches() && (!inBlock || fence.group(1).isEmpty())) {
                inBlock = !inBlock;
                shell = inBlock && List.of("", "sh", "bash", "shell", "console").contains(fence.group(1));
                continue;
            }
            if (!inBlock || !shell) {
                continue;
            }
            String text = line.strip();
            if (pending == null) {
                pending = new StringBuilder();
                start = i + 1;
            }
            boolean continues = stripComment(text).stripTrailing().endsWith("\\");
            pending.append(continues ? stripComment(text).stripTrailing().replaceFirst("\\\\$", "") : text).append(' ');
            if (!continues) {
                out.add(new DocLine(file, start, pending.toString().strip()));
                pending = null;
            }
        }
        return out;
    }

    /** README.md and every page under docs/. */
    static List<Path> docFiles() {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> s = Files.walk(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Simple names of the test classes of every module (not .venv or target, which can be large). */
    private static List<String> testClassNames() {
        List<String> names = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path tests : modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> s = Files.walk(tests)) {
                    s.filter(p -> p.toString().endsWith(".java"))
                            .forEach(p -> names.add(p.getFileName().toString().replaceFirst("\\.java$", "")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The repository root: the nearest folder up from the module with the Maven wrapper and README.md. */
    private static Path findRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isRegularFile(p.resolve("README.md"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (mvnw + README.md) above " + Path.of("").toAbsolutePath());
    }
}
