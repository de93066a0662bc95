package dev.rustypinch.runtime.plugin;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link JarFacts} of plugin jars as the launcher's archive training found them, each with the jar's size,
 * modification time and file key (device and inode) then. A start uses an entry only while all three still match, and
 * otherwise opens the jar as it always has; with sharing off (no archive, no index) every jar is opened.
 *
 * <p>The launcher passes the index of the archive it uses as {@value #INDEX_PROPERTY}; the training run records the
 * facts of every jar it opens and writes them where {@value #OUTPUT_PROPERTY} says. An index file that cannot be read
 * or is not one is ignored as a whole: it only ever saves work.
 */
final class JarIndex {
    /** System property: the index file to use. */
    static final String INDEX_PROPERTY = "rusty-pinch.jar-index";
    /** System property: where the archive training writes the index of the jars it opened. */
    static final String OUTPUT_PROPERTY = "rusty-pinch.jar-index.out";

    private static final int MAGIC = 0x52504a49; // "RPJI"
    private static final int FORMAT = 1;
    private static final int MAX_ENTRIES = 100_000;
    private static final int MAX_FILE_BYTES = 64 << 20;
    private static final JarIndex EMPTY = new JarIndex(Map.of());
    private static final Map<String, Entry> RECORDED = new ConcurrentHashMap<>();
    private static volatile JarIndex current;

    private final Map<String, Entry> entries;

    /**
     * A jar's identity when its facts were read: any change to the file changes one of these. Its equality is written
     * out: a record's generated {@code equals} is bootstrapped through method handles on first use, which costs a
     * cold start some 20 ms.
     */
    record Stamp(long size, long modifiedNanos, String fileKey) {
        Stamp {
            requireNonNull(fileKey, "fileKey is null");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Stamp that && size == that.size && modifiedNanos == that.modifiedNanos
                    && fileKey.equals(that.fileKey);
        }

        @Override
        public int hashCode() {
            return (Long.hashCode(size) * 31 + Long.hashCode(modifiedNanos)) * 31 + fileKey.hashCode();
        }

        @Override
        public String toString() {
            return "Stamp[size=" + size + ", modifiedNanos=" + modifiedNanos + ", fileKey=" + fileKey + "]";
        }

        /** The jar's stamp now; empty when it cannot be read or the file system gives no file key. */
        static Optional<Stamp> of(Path jar) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
                Object key = attributes.fileKey();
                if (key == null || !attributes.isRegularFile()) {
                    return Optional.empty();
                }
                long nanos = attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
                return Optional.of(new Stamp(attributes.size(), nanos, key.toString()));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    private record Entry(Stamp stamp, JarFacts facts) {
    }

    private JarIndex(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
    }

    /** The index with no entries: every jar is opened. */
    static JarIndex empty() {
        return EMPTY;
    }

    /**
     * An index of the given facts, each stamped with its jar as it is now (jars that cannot be stamped are left out).
     * For tests and tools; the training records what it reads instead.
     */
    static JarIndex of(Map<Path, JarFacts> facts) {
        Map<String, Entry> entries = new HashMap<>();
        facts.forEach((jar, jarFacts) -> Stamp.of(jar)
                .ifPresent(stamp -> entries.put(jar.toString(), new Entry(stamp, jarFacts))));
        return new JarIndex(entries);
    }

    /** The index named by {@value #INDEX_PROPERTY}, read once per process; empty without one. */
    static JarIndex current() {
        JarIndex index = current;
        if (index == null) {
            String file = System.getProperty(INDEX_PROPERTY);
            index = file == null || file.isBlank() ? EMPTY : read(Path.of(file));
            current = index;
        }
        return index;
    }

    /** The index in {@code file}, or the empty index when it is missing, unreadable or malformed. */
    static JarIndex read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return EMPTY;
            }
            // Read whole and decoded by hand: DataInputStream.readUTF takes a cold JVM several milliseconds here.
            ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
            if (in.getInt() != MAGIC || in.getInt() != FORMAT) {
                return EMPTY;
            }
            int count = in.getInt();
            if (count < 0 || count > MAX_ENTRIES) {
                return EMPTY;
            }
            Map<String, Entry> entries = new HashMap<>();
            for (int i = 0; i < count; i++) {
                String jar = string(in);
                Stamp stamp = new Stamp(in.getLong(), in.getLong(), string(in));
                byte[] descriptor = in.get() != 0 ? bytes(in) : null;
                boolean marker = in.get() != 0;
                int types = in.getInt();
                if (types < 0 || types > JarFacts.SERVICE_TYPES.size()) {
                    return EMPTY;
                }
                Map<String, List<String>> services = new LinkedHashMap<>();
                for (int t = 0; t < types; t++) {
                    String type = string(in);
                    int names = in.getInt();
                    if (!JarFacts.SERVICE_TYPES.contains(type) || names < 0 || names > MAX_ENTRIES) {
                        return EMPTY;
                    }
                    String[] declared = new String[names];
                    for (int n = 0; n < names; n++) {
                        declared[n] = string(in);
                    }
                    services.put(type, List.of(declared));
                }
                if (!jar.startsWith("/")) {
                    return EMPTY;
                }
                entries.put(jar, new Entry(stamp, new JarFacts(descriptor, marker, services, Map.of())));
            }
            return in.hasRemaining() ? EMPTY : new JarIndex(entries);
        } catch (IOException | RuntimeException e) {
            return EMPTY;
        }
    }

    private static byte[] bytes(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("bad length " + length);
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static String string(ByteBuffer in) {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }

    /** The facts of {@code jar} (an absolute, normalized path) if the index has them and the jar is unchanged. */
    Optional<JarFacts> lookup(Path jar) {
        Entry entry = entries.get(jar.toString());
        if (entry == null) {
            return Optional.empty();
        }
        Optional<Stamp> now = Stamp.of(jar);
        return now.isPresent() && now.get().equals(entry.stamp()) ? Optional.of(entry.facts()) : Optional.empty();
    }

    /** How many jars the index describes. */
    int size() {
        return entries.size();
    }

    /** Whether this process records the facts it reads for an index ({@value #OUTPUT_PROPERTY} is set). */
    static boolean recording() {
        return System.getProperty(OUTPUT_PROPERTY) != null;
    }

    /**
     * Remembers facts just read from {@code jar}, which had {@code before} as its stamp when it was opened, for the
     * index the training writes; only when {@value #OUTPUT_PROPERTY} is set, everything could be read and the jar did
     * not change meanwhile.
     */
    static void record(Path jar, Stamp before, JarFacts facts) {
        if (!recording() || !facts.complete()) {
            return;
        }
        Optional<Stamp> after = Stamp.of(jar);
        if (after.isPresent() && after.get().equals(before)) {
            RECORDED.put(jar.toString(), new Entry(before, facts));
        }
    }

    /**
     * Writes the facts recorded in this process to the file {@value #OUTPUT_PROPERTY} names (through a temporary file
     * beside it), when it is set and something was recorded.
     */
    static void writeRecorded() throws IOException {
        String output = System.getProperty(OUTPUT_PROPERTY);
        if (output == null || output.isBlank() || RECORDED.isEmpty()) {
            return;
        }
        Path file = Path.of(output);
        JarIndex recorded = new JarIndex(RECORDED);
        recorded.write(file);
        // Read it back as a start would (which also puts that path into the class-data archive being made): an index
        // that does not give back every recorded jar's facts is not left for the launcher to install.
        JarIndex reread = read(file);
        for (Map.Entry<String, Entry> item : recorded.entries.entrySet()) {
            Optional<JarFacts> facts = reread.lookup(Path.of(item.getKey()));
            if (facts.isEmpty() || !facts.get().equals(item.getValue().facts())) {
                Files.deleteIfExists(file);
                throw new IOException("the jar index read back differs for " + item.getKey());
            }
        }
    }

    /** Writes this index to {@code file} (through a temporary file beside it), replacing it. */
    void write(Path file) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream raw = Files.newOutputStream(temp);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(entries.size());
            for (Map.Entry<String, Entry> item : entries.entrySet()) {
                Stamp stamp = item.getValue().stamp();
                JarFacts facts = item.getValue().facts();
                writeString(out, item.getKey());
                out.writeLong(stamp.size());
                out.writeLong(stamp.modifiedNanos());
                writeString(out, stamp.fileKey());
                Optional<byte[]> descriptor = facts.descriptor();
                out.writeBoolean(descriptor.isPresent());
                if (descriptor.isPresent()) {
                    writeBytes(out, descriptor.get());
                }
                out.writeBoolean(facts.markerEntry());
                out.writeInt(facts.services().size());
                for (Map.Entry<String, List<String>> service : facts.services().entrySet()) {
                    writeString(out, service.getKey());
                    out.writeInt(service.getValue().size());
                    for (String name : service.getValue()) {
                        writeString(out, name);
                    }
                }
            }
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        writeBytes(out, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
