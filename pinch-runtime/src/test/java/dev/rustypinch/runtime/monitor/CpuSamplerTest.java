package dev.rustypinch.runtime.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CpuSamplerTest {
    @Test
    void oneSampleIsNotAvailable() {
        assertEquals("n/a", new CpuSampler().sample(10, 100, 2));
    }

    @Test
    void usageIsDeltaRatioTimesCores() {
        CpuSampler cpu = new CpuSampler();
        cpu.sample(10, 1000, 2);
        assertEquals("25.00%", cpu.sample(35, 1200, 2));
    }

    @Test
    void usageIsClampedAndResetForgetsTheBaseline() {
        CpuSampler cpu = new CpuSampler();
        cpu.sample(0, 0, 64);
        assertEquals("999.00%", cpu.sample(100, 10, 64));
        cpu.reset();
        assertEquals("n/a", cpu.sample(0, 20, 1));
        assertEquals("0.00%", cpu.sample(0, 30, 1));
    }
}
