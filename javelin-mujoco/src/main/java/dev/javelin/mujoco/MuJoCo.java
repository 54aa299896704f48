package dev.javelin.mujoco;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The MuJoCo 3 shared library, found by {@link MuJoCoLocator}'s rules and loaded once per JVM.
 *
 * <pre>{@code
 * if (MuJoCo.available()) { ... }          // false, with unavailableReason(), when it is not installed
 * MuJoCo mj = MuJoCo.get();                 // or a MuJoCoUnavailableException saying what was looked at
 * }</pre>
 *
 * Loading checks {@code mj_version()} against {@link MjLayout#VERSION}, the release whose headers the struct
 * offsets were generated from: any other version is refused, since any struct may have moved.
 */
public final class MuJoCo {
    private static volatile Object state;

    private final Path library;
    private final SymbolLookup symbols;
    private final String version;
    private final Optional<Path> assets;
    private final String assetsMissing;

    private MuJoCo(Path library, SymbolLookup symbols, String version, Optional<Path> assets, String assetsMissing) {
        this.library = library;
        this.symbols = symbols;
        this.version = version;
        this.assets = assets;
        this.assetsMissing = assetsMissing;
    }

    /** The loaded library, loading it on first use. */
    public static MuJoCo get() {
        Object s = load();
        if (s instanceof MuJoCoUnavailableException e) {
            throw new MuJoCoUnavailableException(e.getMessage(), e);
        }
        return (MuJoCo) s;
    }

    /** Whether {@link #get()} succeeds. */
    public static boolean available() {
        return load() instanceof MuJoCo;
    }

    /** Why MuJoCo is not available (what was looked at, and the command that fixes it); empty when it is. */
    public static Optional<String> unavailableReason() {
        return load() instanceof MuJoCoUnavailableException e ? Optional.of(e.getMessage()) : Optional.empty();
    }

    private static Object load() {
        Object s = state;
        if (s == null) {
            synchronized (MuJoCo.class) {
                s = state;
                if (s == null) {
                    s = tryLoad();
                    state = s;
                }
            }
        }
        return s;
    }

    private static Object tryLoad() {
        MuJoCoLocator locator = new MuJoCoLocator();
        Optional<Path> lib = locator.library();
        if (lib.isEmpty()) {
            return new MuJoCoUnavailableException("MuJoCo 3 not found; looked at: " + String.join("; ", locator.looked())
                    + ". Install it with: " + MuJoCoLocator.INSTALL
                    + " (or set MUJOCO_LIB to libmujoco.so.3.x, or MUJOCO_HOME to a MuJoCo 3 release folder)");
        }
        SymbolLookup symbols;
        try {
            symbols = SymbolLookup.libraryLookup(lib.get(), Arena.global());
        } catch (IllegalArgumentException e) {
            return new MuJoCoUnavailableException("MuJoCo: cannot load " + lib.get() + ": " + e.getMessage()
                    + ". Install a working copy with: " + MuJoCoLocator.INSTALL, e);
        }
        Linker linker = Linker.nativeLinker();
        try {
            int v = (int) linker.downcallHandle(symbols.findOrThrow("mj_version"), FunctionDescriptor.of(ValueLayout.JAVA_INT))
                    .invokeExact();
            MemorySegment str = (MemorySegment) linker.downcallHandle(symbols.findOrThrow("mj_versionString"),
                    FunctionDescriptor.of(ValueLayout.ADDRESS)).invokeExact();
            String version = str.reinterpret(64).getString(0);
            if (v / 1_000_000 != 3) {
                return new MuJoCoUnavailableException("MuJoCo at " + lib.get() + " is version " + version
                        + ", expected 3.x. Install MuJoCo 3 with: " + MuJoCoLocator.INSTALL);
            }
            if (v != MjLayout.VERSION) {
                return new MuJoCoUnavailableException("MuJoCo at " + lib.get() + " is version " + version + " (mj_version "
                        + v + "), but Javelin's struct layouts were generated for mj_version " + MjLayout.VERSION
                        + ": install that release (.venv/bin/pip install mujoco==" + versionString(MjLayout.VERSION)
                        + ") or regenerate the layouts with tools/mujoco_layout/generate.sh");
            }
            Optional<Path> assets = locator.assets();
            String missing = "Gymnasium's MuJoCo model files not found; looked at: " + String.join("; ", locator.looked())
                    + ". Install them with: " + MuJoCoLocator.INSTALL + " (or set JAVELIN_MUJOCO_ASSETS to a folder of"
                    + " Gymnasium's MuJoCo XML files, or pass xml_file)";
            return new MuJoCo(lib.get(), symbols, version, assets, missing);
        } catch (Throwable t) {
            return new MuJoCoUnavailableException("MuJoCo at " + lib.get() + ": " + t, t);
        }
    }

    private static String versionString(int v) {
        return (v / 1_000_000) + "." + (v / 1000 % 1000) + "." + (v % 1000);
    }

    /** The library's version string, e.g. {@code 3.14.0}. */
    public String version() {
        return version;
    }

    /** The shared library file that was loaded. */
    public Path library() {
        return library;
    }

    /** Gymnasium's MuJoCo assets folder, or an exception saying where Javelin looked and how to install it. */
    public Path assets() {
        return assets.orElseThrow(() -> new MuJoCoUnavailableException(assetsMissing));
    }

    /** Whether Gymnasium's model files were found. */
    public boolean hasAssets() {
        return assets.isPresent();
    }

    MethodHandle function(String name, FunctionDescriptor descriptor) {
        return Linker.nativeLinker().downcallHandle(symbols.find(name).orElseThrow(
                () -> new MuJoCoUnavailableException("MuJoCo " + version + " at " + library + " has no function " + name)),
                descriptor);
    }
}
