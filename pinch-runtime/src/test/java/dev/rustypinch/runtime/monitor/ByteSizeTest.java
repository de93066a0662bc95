package dev.rustypinch.runtime.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteSizeTest {
    @Test
    void smallValuesAreBytes() {
        assertEquals("512 B", ByteSize.format(512));
        assertEquals("1023 B", ByteSize.format(1023));
        assertEquals("0 B", ByteSize.format(0));
    }

    @Test
    void largerValuesUseBinaryUnitsWithTwoDecimals() {
        assertEquals("1.00 KiB", ByteSize.format(1024));
        assertEquals("1.00 MiB", ByteSize.format(1024 * 1024));
        assertEquals("2.00 MiB", ByteSize.format(2_097_152));
        assertEquals("1.50 GiB", ByteSize.format(1024L * 1024 * 1024 * 3 / 2));
        assertEquals("2048.00 TiB", ByteSize.format(1024L * 1024 * 1024 * 1024 * 2048));
    }

    @Test
    void unreadableIsNotAvailable() {
        assertEquals("n/a", ByteSize.format((Long) null));
    }
}
