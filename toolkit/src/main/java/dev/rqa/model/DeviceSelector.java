package dev.rqa.model;

import ai.djl.Device;
import dev.rqa.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/** Chooses the device the PyTorch engine runs on from a {@code cpu|gpu|auto} option. */
public final class DeviceSelector {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSelector.class);

    private DeviceSelector() {
    }

    /** Returns the number of GPUs the PyTorch engine can use; 0 with the CPU build of libtorch. */
    public static int gpuCount() {
        return PyTorchEngine.get().getGpuCount();
    }

    /**
     * Resolves a device option. A GPU request on a machine where DJL finds none is not an error:
     * it logs a warning and returns the CPU, so a sweep over {@code cpu,gpu} still completes.
     */
    public static Device select(String option) {
        String value = option == null ? "auto" : option.toLowerCase(Locale.ROOT).strip();
        switch (value) {
            case "cpu":
                return Device.cpu();
            case "gpu":
                if (gpuCount() > 0) {
                    return Device.gpu();
                }
                LOG.warn("GPU requested, but DJL's PyTorch engine finds no GPU (CPU build of libtorch, or no CUDA"
                        + " device); continuing on the CPU");
                return Device.cpu();
            case "auto":
                return gpuCount() > 0 ? Device.gpu() : Device.cpu();
            default:
                throw new InvalidInputException("unknown device '" + option + "': expected cpu, gpu or auto");
        }
    }
}
