package dev.rustypinch.runtime.monitor;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the {@code /proc} files the monitor needs (SPEC §14.3). The root is configurable so tests use fixture
 * trees. Every reader returns empty when the file is missing or unreadable, never throws.
 */
final class ProcFs {
    private final Path root;

    ProcFs(Path root) {
        this.root = requireNonNull(root, "root is null");
    }

    static ProcFs system() {
        return new ProcFs(Path.of("/proc"));
    }

    /** Host CPU totals from the first {@code cpu} line of {@code /proc/stat} and the number of {@code cpuN} lines. */
    record HostCpu(long total, int cores) {
    }

    record Memory(long total, long available, long swapTotal, long swapFree) {
    }

    Optional<HostCpu> hostCpu() {
        Optional<List<String>> lines = lines(root.resolve("stat"));
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        Long total = null;
        int cores = 0;
        for (String line : lines.get()) {
            if (line.startsWith("cpu ") && total == null) {
                total = sumFields(line.substring(4));
            } else if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
                cores++;
            }
        }
        return total == null ? Optional.empty() : Optional.of(new HostCpu(total, Math.max(cores, 1)));
    }

    /** utime + stime of a process (fields 14 and 15 of {@code /proc/<pid>/stat}, counted after the last {@code )}). */
    OptionalLong processCpu(long pid) {
        Optional<String> stat = read(root.resolve(Long.toString(pid)).resolve("stat"));
        if (stat.isEmpty()) {
            return OptionalLong.empty();
        }
        String text = stat.get();
        int close = text.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] fields = text.substring(close + 1).trim().split("\\s+");
        // fields[0] is field 3 (state): utime (14) and stime (15) are at 11 and 12.
        if (fields.length < 13) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A {@code kB} field of {@code /proc/<pid>/status} in bytes, e.g. {@code VmRSS}. */
    OptionalLong statusBytes(long pid, String field) {
        return kilobyteField(root.resolve(Long.toString(pid)).resolve("status"), field);
    }

    /** A field of {@code /proc/<pid>/io}, e.g. {@code read_bytes}. */
    OptionalLong ioBytes(long pid, String field) {
        Optional<List<String>> lines = lines(root.resolve(Long.toString(pid)).resolve("io"));
        if (lines.isEmpty()) {
            return OptionalLong.empty();
        }
        for (String line : lines.get()) {
            if (line.startsWith(field + ":")) {
                return parse(line.substring(field.length() + 1).trim());
            }
        }
        return OptionalLong.empty();
    }

    /** The number of entries of {@code /proc/<pid>/fd}. */
    OptionalLong fdCount(long pid) {
        Path fd = root.resolve(Long.toString(pid)).resolve("fd");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fd)) {
            long count = 0;
            for (Path ignored : entries) {
                count++;
            }
            return OptionalLong.of(count);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The command line: NUL-separated parts joined by spaces, empty parts dropped. */
    Optional<String> commandLine(long pid) {
        return arguments(pid).map(parts -> String.join(" ", parts));
    }

    /** The non-empty NUL-separated parts of {@code /proc/<pid>/cmdline}, {@code argv[0]} first. */
    Optional<List<String>> arguments(long pid) {
        try {
            byte[] raw = Files.readAllBytes(root.resolve(Long.toString(pid)).resolve("cmdline"));
            List<String> parts = new ArrayList<>();
            for (String part : new String(raw, StandardCharsets.UTF_8).split("\0")) {
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
            return Optional.of(List.copyOf(parts));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Numeric entries of the root, ascending. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit) && name.length() < 19) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        pids.sort(null);
        return pids;
    }

    boolean isRunning(long pid) {
        return Files.isDirectory(root.resolve(Long.toString(pid)));
    }

    Optional<Memory> memory() {
        Path meminfo = root.resolve("meminfo");
        OptionalLong total = kilobyteField(meminfo, "MemTotal");
        OptionalLong available = kilobyteField(meminfo, "MemAvailable");
        OptionalLong swapTotal = kilobyteField(meminfo, "SwapTotal");
        OptionalLong swapFree = kilobyteField(meminfo, "SwapFree");
        if (total.isEmpty() || available.isEmpty() || swapTotal.isEmpty() || swapFree.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Memory(total.getAsLong(), available.getAsLong(), swapTotal.getAsLong(), swapFree.getAsLong()));
    }

    /** The three load averages as written. */
    Optional<String[]> loadAverage() {
        return read(root.resolve("loadavg")).map(text -> text.trim().split("\\s+")).filter(fields -> fields.length >= 3);
    }

    private OptionalLong kilobyteField(Path file, String field) {
        Optional<List<String>> lines = lines(file);
        if (lines.isEmpty()) {
            return OptionalLong.empty();
        }
        for (String line : lines.get()) {
            if (line.startsWith(field + ":")) {
                String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                OptionalLong value = parse(parts[0]);
                if (value.isEmpty()) {
                    return value;
                }
                boolean kilobytes = parts.length > 1 && parts[1].equalsIgnoreCase("kB");
                return OptionalLong.of(kilobytes ? value.getAsLong() * 1024 : value.getAsLong());
            }
        }
        return OptionalLong.empty();
    }

    private static long sumFields(String text) {
        long sum = 0;
        for (String field : text.trim().split("\\s+")) {
            OptionalLong value = parse(field);
            if (value.isPresent()) {
                sum += value.getAsLong();
            }
        }
        return sum;
    }

    private static OptionalLong parse(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<List<String>> lines(Path file) {
        return read(file).map(text -> List.of(text.split("\n")));
    }
}
