package dev.rqa.bench;

import ai.djl.util.cuda.CudaUtils;
import dev.rqa.model.DeviceSelector;

import java.lang.management.MemoryUsage;
import java.util.OptionalLong;

/**
 * Facts about the machine's accelerators that a benchmark needs. The sweep queries them through
 * this interface, never DJL directly, so tests can describe a machine with a GPU on one without.
 */
public interface DeviceProbe {

    /** Returns the number of GPUs that DJL's PyTorch engine can run on; 0 with the CPU build of libtorch. */
    int engineGpuCount();

    /**
     * Returns the number of CUDA GPUs that the driver reports, whichever libtorch build is loaded,
     * so that a message can tell "no GPU" apart from "a GPU, but a CPU-only libtorch".
     */
    int cudaGpuCount();

    /** Returns the device-wide GPU memory in use, in bytes, or empty when it cannot be read. */
    OptionalLong gpuMemoryUsed(int gpu);

    /** Returns the probe of this machine: the PyTorch engine for GPUs it can use, the CUDA runtime for the rest. */
    static DeviceProbe system() {
        return new DeviceProbe() {
            @Override
            public int engineGpuCount() {
                return DeviceSelector.gpuCount();
            }

            @Override
            public int cudaGpuCount() {
                return CudaUtils.hasCuda() ? CudaUtils.getGpuCount() : 0;
            }

            @Override
            public OptionalLong gpuMemoryUsed(int gpu) {
                if (!CudaUtils.hasCuda()) {
                    return OptionalLong.empty();
                }
                // cudaMemGetInfo through DJL: total minus free on the whole device, other processes included.
                MemoryUsage usage = CudaUtils.getGpuMemory(ai.djl.Device.gpu(gpu));
                return OptionalLong.of(usage.getUsed());
            }
        };
    }
}
