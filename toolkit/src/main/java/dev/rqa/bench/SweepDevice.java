package dev.rqa.bench;

import ai.djl.Device;
import dev.rqa.InvalidInputException;
import dev.rqa.model.PyTorchEngine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A device a sweep was asked to measure on: either a DJL device that is present, or the reason it
 * is absent. An absent device is reported as such and never replaced by another one.
 *
 * @param name          requested name, {@code cpu} or {@code gpu}
 * @param device        the DJL device, or null when absent
 * @param absenceReason why the device cannot be used, or null when present
 */
public record SweepDevice(String name, Device device, String absenceReason) {

    /** Device names a sweep accepts. */
    public static final List<String> NAMES = List.of("cpu", "gpu");

    public boolean isPresent() {
        return device != null;
    }

    /**
     * Resolves requested device names in order. {@code gpu} is GPU 0 when DJL's PyTorch engine can
     * use a GPU, and absent otherwise.
     *
     * @throws InvalidInputException for an unknown or repeated name, or an empty list
     */
    public static List<SweepDevice> resolve(List<String> names, DeviceProbe probe) {
        if (names.isEmpty()) {
            throw new InvalidInputException("no device given: pass --devices cpu, gpu or cpu,gpu");
        }
        Set<String> seen = new LinkedHashSet<>();
        List<SweepDevice> devices = new ArrayList<>();
        for (String raw : names) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            if (!NAMES.contains(name)) {
                throw new InvalidInputException("unknown device '" + raw + "': expected one of " + NAMES);
            }
            if (!seen.add(name)) {
                throw new InvalidInputException("device '" + name + "' is listed twice in " + names);
            }
            devices.add(name.equals("cpu") ? new SweepDevice("cpu", Device.cpu(), null) : gpu(probe));
        }
        return devices;
    }

    private static SweepDevice gpu(DeviceProbe probe) {
        if (probe.engineGpuCount() > 0) {
            return new SweepDevice("gpu", Device.gpu(0), null);
        }
        int cudaGpus = probe.cudaGpuCount();
        String reason = cudaGpus > 0
                ? "the CUDA driver reports " + cudaGpus + " GPU(s), but DJL's PyTorch engine runs the CPU build of"
                        + " libtorch (" + PyTorchEngine.NATIVE_ARTIFACT + ") and cannot use them; to measure the GPU,"
                        + " take that artifact off the class path so that DJL downloads the CUDA build of libtorch"
                        + " 2.7.1, or point PYTORCH_LIBRARY_PATH at one"
                : "no GPU: DJL's PyTorch engine finds no CUDA device on this machine";
        return new SweepDevice("gpu", null, reason);
    }
}
