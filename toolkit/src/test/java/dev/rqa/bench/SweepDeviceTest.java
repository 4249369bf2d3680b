package dev.rqa.bench;

import ai.djl.Device;
import dev.rqa.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepDeviceTest {

    /** Describes a machine for tests: GPUs the engine can use, and GPUs the CUDA driver reports. */
    static DeviceProbe machine(int engineGpus, int cudaGpus) {
        return new DeviceProbe() {
            @Override
            public int engineGpuCount() {
                return engineGpus;
            }

            @Override
            public int cudaGpuCount() {
                return cudaGpus;
            }

            @Override
            public OptionalLong gpuMemoryUsed(int gpu) {
                return OptionalLong.empty();
            }
        };
    }

    @Test
    void cpuIsAlwaysPresent() {
        List<SweepDevice> devices = SweepDevice.resolve(List.of("cpu"), machine(0, 0));
        assertEquals(Device.cpu(), devices.get(0).device());
        assertTrue(devices.get(0).isPresent());
    }

    @Test
    void gpuWithoutGpuIsAbsent() {
        List<SweepDevice> devices = SweepDevice.resolve(List.of("cpu", "gpu"), machine(0, 0));
        assertEquals(2, devices.size());
        SweepDevice gpu = devices.get(1);
        assertFalse(gpu.isPresent());
        assertNull(gpu.device());
        assertTrue(gpu.absenceReason().contains("no GPU"), gpu.absenceReason());
    }

    @Test
    void cpuLibtorchOnGpuMachineNamesArtifact() {
        SweepDevice gpu = SweepDevice.resolve(List.of("gpu"), machine(0, 2)).get(0);
        assertFalse(gpu.isPresent());
        assertTrue(gpu.absenceReason().contains("reports 2 GPU(s)"), gpu.absenceReason());
        assertTrue(gpu.absenceReason().contains("pytorch-native-cpu"), gpu.absenceReason());
    }

    @Test
    void gpuPresentResolvesToFirstGpu() {
        SweepDevice gpu = SweepDevice.resolve(List.of("GPU"), machine(1, 1)).get(0);
        assertTrue(gpu.isPresent());
        assertEquals(Device.gpu(0), gpu.device());
        assertEquals("gpu", gpu.name());
    }

    @Test
    void orderIsKept() {
        List<SweepDevice> devices = SweepDevice.resolve(List.of("gpu", "cpu"), machine(1, 1));
        assertEquals("gpu", devices.get(0).name());
        assertEquals("cpu", devices.get(1).name());
    }

    @Test
    void unknownDeviceIsRejected() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> SweepDevice.resolve(List.of("cpu", "tpu"), machine(0, 0)));
        assertTrue(error.getMessage().contains("'tpu'"), error.getMessage());
    }

    @Test
    void repeatedDeviceIsRejected() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> SweepDevice.resolve(List.of("cpu", "CPU"), machine(0, 0)));
        assertTrue(error.getMessage().contains("listed twice"), error.getMessage());
    }

    @Test
    void systemProbeFindsNoGpuHere() {
        assertEquals(0, DeviceProbe.system().engineGpuCount());
    }
}
