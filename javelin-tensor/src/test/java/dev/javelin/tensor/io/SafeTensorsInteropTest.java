package dev.javelin.tensor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Interop with PyTorch through committed files. torch_written.safetensors was written by
 * tools/make_fixtures.py with F32, F64, F16 and BF16 tensors, each next to "&lt;name&gt;.expected", PyTorch's
 * own float32 conversion. javelin_written.safetensors is what Javelin writes for those float32 values;
 * `make_fixtures.py --check-javelin` verified PyTorch reads it back, and this test keeps Javelin writing it
 * byte for byte.
 */
class SafeTensorsInteropTest {
    private static final String SUFFIX = ".expected";

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SafeTensorsInteropTest.class.getResource("/fixtures/interop/" + name).toURI());
    }

    private static SafeTensorsFile torchWritten() throws IOException, URISyntaxException {
        return SafeTensors.readFile(resource("torch_written.safetensors"));
    }

    @Test
    void readsEveryDtypeAsPyTorchConvertsItToFloat32() throws Exception {
        SafeTensorsFile f = torchWritten();
        int checked = 0;
        for (String name : f.tensors().keySet()) {
            if (name.endsWith(SUFFIX)) continue;
            TensorData expected = f.get(name + SUFFIX);
            TensorData actual = f.get(name, expected.shape());
            // Bit equality: widening F16/BF16 is exact and F64 narrowing rounds to nearest in both.
            assertArrayEquals(expected.data(), actual.data(), name);
            checked++;
        }
        assertEquals(List.of("values.F32", "values.F64", "values.F16", "values.BF16", "matrix.F16", "scalar", "empty"),
                f.tensors().keySet().stream().filter(k -> !k.endsWith(SUFFIX)).toList());
        assertEquals(7, checked);
        assertEquals(Map.of("format", "pt", "written_by", "tools/make_fixtures.py", "quote\"and\\slash", "ünïcode ✓"), f.metadata());
    }

    @Test
    void writesTheBytesPyTorchWasCheckedToRead() throws Exception {
        SafeTensorsFile f = torchWritten();
        Map<String, TensorData> values = new LinkedHashMap<>();
        f.tensors().forEach((name, t) -> {
            if (name.endsWith(SUFFIX)) values.put(name.substring(0, name.length() - SUFFIX.length()), t);
        });
        // Under target/ rather than a temporary directory, so a deliberate format change can be checked and committed.
        Path ours = Path.of("target", "javelin_written.safetensors");
        SafeTensors.writeArrays(ours, values, f.metadata());
        assertArrayEquals(Files.readAllBytes(resource("javelin_written.safetensors")), Files.readAllBytes(ours),
                "Javelin no longer writes the bytes PyTorch was checked to read; if the change is intended, run "
                        + "/usr/bin/python3 tools/make_fixtures.py --check-javelin javelin-tensor/" + ours
                        + " and commit it as src/test/resources/fixtures/interop/javelin_written.safetensors");
    }
}
