package dev.rqa.model;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import dev.rqa.InvalidInputException;

/**
 * Starts DJL's PyTorch engine and turns its start-up failures into messages that name the fix.
 *
 * <p>DJL finds libtorch in one of three places: {@code PYTORCH_LIBRARY_PATH}, a
 * {@code pytorch-native-*} jar on the class path (its {@code native/lib/pytorch.properties}), or a
 * download into {@code DJL_CACHE_DIR}. Offline, without the first two, DJL fails with "Failed to save
 * pytorch index file"; this class says which artifact is missing instead.
 */
public final class PyTorchEngine {

    /** The libtorch build that DJL 0.36.0's JNI layer was compiled against. */
    public static final String NATIVE_ARTIFACT = "ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64";

    private PyTorchEngine() {
    }

    /** Returns the engine, or throws an error naming the missing native artifact. */
    public static Engine get() {
        boolean nativeJar = PyTorchEngine.class.getResource("/native/lib/pytorch.properties") != null;
        boolean libraryPath = System.getenv("PYTORCH_LIBRARY_PATH") != null
                || System.getProperty("PYTORCH_LIBRARY_PATH") != null;
        boolean offline = Boolean.parseBoolean(System.getenv().getOrDefault("DJL_OFFLINE",
                System.getProperty("ai.djl.offline", "false")));
        if (!nativeJar && !libraryPath && offline) {
            throw new InvalidInputException("libtorch not found: the class path has no PyTorch native jar and"
                    + " DJL_OFFLINE is set, so DJL cannot download it. Add the Maven artifact " + NATIVE_ARTIFACT
                    + " (the toolkit declares it; run through ./rqa or keep toolkit/target/lib/* on the class"
                    + " path), or point PYTORCH_LIBRARY_PATH at a libtorch 2.7.1 directory.");
        }
        try {
            return Engine.getEngine("PyTorch");
        } catch (EngineException e) {
            throw new InvalidInputException("DJL's PyTorch engine failed to start: " + e.getMessage()
                    + (nativeJar ? "" : ". No PyTorch native jar is on the class path; add " + NATIVE_ARTIFACT
                    + " or set PYTORCH_LIBRARY_PATH to a libtorch 2.7.1 directory"), e);
        }
    }
}
