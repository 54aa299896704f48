package dev.javelin.cli;

import dev.javelin.policy.OnnxPolicy;
import dev.javelin.policy.PolicyFile;
import dev.javelin.policy.PolicySpec;
import dev.javelin.rl.export.RunPolicies;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", description = {
        "Export the deterministic policy of a run's latest checkpoint (or one checkpoint file) for inference.",
        "The observation scaler and the action's squashing and clipping to the env's bounds are part of it.",
        "onnx: opset " + OnnxPolicy.OPSET + ", input '" + OnnxPolicy.INPUT + "' float32 [batch, obs], output '"
                + OnnxPolicy.OUTPUT + "' (int64 [batch, 1] for a Discrete action, else float32 [batch, act]).",
        "A Dict observation of Box entries (Fetch's achieved_goal, desired_goal, observation) gets one float32 input",
        "per key, named by the key, [batch, size], concatenated in the graph in sorted key order as in training;",
        "the safetensors policy records the keys and sizes (observation_keys) for Policy.act(Map).",
        "safetensors: the policy alone (net.0.weight, ...; no critic or optimizer), loadable with Policy.load."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<run-dir|checkpoint>")
    Path target;

    @Option(names = "--format", required = true, paramLabel = "onnx|safetensors", description = "file format")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the file to write (.onnx or .safetensors)")
    Path out;

    @Override
    public Integer call() {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("onnx") && !f.equals("safetensors")) {
            throw new IllegalArgumentException("--format must be onnx or safetensors, got '" + format + "'");
        }
        // Policy.load tells the formats apart by their extension
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("." + f)) {
            throw new IllegalArgumentException("--out for --format " + f + " must end in ." + f + ", got " + out);
        }
        PolicySpec policy = new RunPolicies().read(target);
        if (f.equals("onnx")) {
            OnnxPolicy.write(policy, out);
        } else {
            PolicyFile.write(policy, out);
        }
        PrintWriter log = spec.commandLine().getOut();
        boolean discrete = policy.head() instanceof PolicySpec.Argmax;
        log.printf(Locale.ROOT, "%s policy for %s -> %s (%s%s)%n", policy.info().get(PolicySpec.ALGO),
                policy.info().get(PolicySpec.ENV), out, f, f.equals("onnx") ? ", opset " + OnnxPolicy.OPSET : "");
        List<PolicySpec.ObservationKey> keys = policy.observationKeys();
        String inputs = keys.isEmpty()
                ? String.format(Locale.ROOT, "input '%s' float32 [batch, %d]", OnnxPolicy.INPUT, policy.observationSize())
                : "inputs " + String.join(", ", keys.stream().map(k -> String.format(Locale.ROOT, "'%s' float32 [batch, %d]",
                        k.name(), k.size())).toList());
        log.printf(Locale.ROOT, "%s, output '%s' %s [batch, %d]%n", inputs, OnnxPolicy.OUTPUT,
                discrete ? "int64" : "float32", policy.actionSize());
        return 0;
    }
}
