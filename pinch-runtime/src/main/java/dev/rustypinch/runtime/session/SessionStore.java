package dev.rustypinch.runtime.session;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rustypinch.api.PrivateFiles;
import dev.rustypinch.api.SessionEntry;
import dev.rustypinch.api.UnicodeWhitespace;
import dev.rustypinch.runtime.json.JsonText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation log (SPEC §6): one append-only JSONL file per session under
 * {@code <data dir>/sessions/}. A turn's two lines are appended under an exclusive lock shared by
 * threads and processes; readers take a shared lock so they never see half of an append. Appends are not
 * forced to the storage device (see the README's durability notes): a finished append survives a process crash, and
 * the kernel writes it out within its writeback interval. Thread safe.
 */
public final class SessionStore {
    private static final String USER_FAILED = "failed saving user message";
    private static final String ASSISTANT_FAILED = "failed saving assistant message";

    /** The most entries {@link #tail} returns: the {@code session_tail} cap. */
    public static final int MAX_TAIL = 50;
    /** Sessions whose read position is remembered (least recently used are forgotten). */
    private static final int REMEMBERED_SESSIONS = 256;

    private final Path sessionsDir;
    private final Supplier<Logger> logger;
    private final Map<Path, ReadPosition> tails = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, ReadPosition> eldest) {
            return size() > REMEMBERED_SESSIONS;
        }
    });

    /** A store under {@code dataDir}; nothing is created until the first append. */
    public SessionStore(Path dataDir) {
        this(dataDir, () -> LoggerFactory.getLogger(SessionStore.class));
    }

    SessionStore(Path dataDir, Supplier<Logger> logger) {
        this.sessionsDir = requireNonNull(dataDir, "dataDir is null").resolve("sessions");
        this.logger = requireNonNull(logger, "logger is null");
    }

    /**
     * The file name stem of a session: ASCII letters, digits, {@code -} and {@code _} are kept,
     * every other character (code point) becomes one {@code _}.
     */
    public static String sanitise(String sessionId) {
        requireNonNull(sessionId, "sessionId is null");
        StringBuilder safe = new StringBuilder(sessionId.length());
        sessionId.codePoints().forEach(c -> safe.append(isKept(c) ? (char) c : '_'));
        return safe.toString();
    }

    private static boolean isKept(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    /** {@code <data dir>/sessions/<sanitised id>.jsonl}. */
    public Path fileFor(String sessionId) {
        return sessionsDir.resolve(sanitise(sessionId) + ".jsonl");
    }

    /**
     * The session's entries, oldest first. A missing file is an empty history; blank lines are
     * skipped; a torn line (a prefix of a JSON object cut off by a crash) is skipped with a warning.
     *
     * @throws SessionException the file cannot be opened or read, or a line is not a session entry
     */
    public List<SessionEntry> load(String sessionId) throws SessionException {
        Path file = fileFor(sessionId);
        boolean interrupted = Thread.interrupted();
        try {
            Optional<byte[]> content = readLocked(file);
            return content.isEmpty() ? List.of() : parse(file, content.get());
        } finally {
            restoreInterrupt(interrupted);
        }
    }

    /**
     * The number of stored entries and the last {@code count} of them (at most {@link #MAX_TAIL}), with the same
     * rules and errors as {@link #load}. Session files are append-only, so this store remembers how far it has read
     * each file and decodes only what was appended since: a turn costs the same in a conversation of ten messages as
     * in one of ten thousand. A file that was replaced or shrank is read again from the start.
     *
     * @throws SessionException the file cannot be opened or read, or a line is not a session entry
     */
    public SessionTail tail(String sessionId, int count) throws SessionException {
        if (count < 0 || count > MAX_TAIL) {
            throw new IllegalArgumentException("count must be between 0 and " + MAX_TAIL + ": " + count);
        }
        Path file = fileFor(sessionId);
        boolean interrupted = Thread.interrupted();
        try {
            return tailLocked(file, count);
        } finally {
            restoreInterrupt(interrupted);
        }
    }

    private SessionTail tailLocked(Path file, int count) throws SessionException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            tails.remove(file);
            return new SessionTail(0, List.of());
        } catch (IOException e) {
            throw new SessionException("failed to open session file " + file, e);
        }
        try (channel; FileMutex mutex = FileMutex.shared(file, channel)) {
            long size = channel.size();
            Object fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            ReadPosition position = tails.get(file);
            if (position == null || position.offset() > size || !Objects.equals(position.fileKey(), fileKey)) {
                position = ReadPosition.start(fileKey);
            }
            byte[] added = readFrom(channel, position.offset(), size);
            int complete = lastIndexOf(added, (byte) '\n') + 1;
            List<SessionEntry> fresh = new ArrayList<>();
            int lines = parseLines(file, added, 0, complete, position.lines(), fresh);
            ReadPosition advanced = position.advance(complete, lines, fresh);
            tails.put(file, advanced);
            List<SessionEntry> unterminated = new ArrayList<>();
            parseLines(file, added, complete, added.length, lines, unterminated);
            return advanced.tail(count, unterminated);
        } catch (IOException e) {
            throw new SessionException("failed to read " + file, e);
        }
    }

    private static byte[] readFrom(FileChannel channel, long offset, long size) throws IOException {
        if (size - offset > Integer.MAX_VALUE - 8) {
            throw new IOException("session file too large: " + size + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) (size - offset));
        long at = offset;
        int read = 0;
        while (buffer.hasRemaining() && read >= 0) {
            read = channel.read(buffer, at);
            at += Math.max(read, 0);
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static int lastIndexOf(byte[] content, byte target) {
        for (int i = content.length - 1; i >= 0; i--) {
            if (content[i] == target) {
                return i;
            }
        }
        return -1;
    }

    /**
     * How far a file has been decoded: the file's identity (inode; a replaced file is read from the start), the byte
     * offset after the last complete line, the number of lines before it,
     * the number of entries in them and the last {@link #MAX_TAIL} entries. Immutable.
     */
    private record ReadPosition(Object fileKey, long offset, int lines, long total, List<SessionEntry> last) {
        static ReadPosition start(Object fileKey) {
            return new ReadPosition(fileKey, 0, 0, 0, List.of());
        }

        ReadPosition advance(int bytes, int lineCount, List<SessionEntry> fresh) {
            return new ReadPosition(fileKey, offset + bytes, lineCount, total + fresh.size(), lastOf(last, fresh, MAX_TAIL));
        }

        SessionTail tail(int count, List<SessionEntry> unterminated) {
            return new SessionTail(total + unterminated.size(), lastOf(last, unterminated, count));
        }

        private static List<SessionEntry> lastOf(List<SessionEntry> head, List<SessionEntry> more, int count) {
            List<SessionEntry> all = new ArrayList<>(head.size() + more.size());
            all.addAll(head);
            all.addAll(more);
            return List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
        }
    }

    private static Optional<byte[]> readLocked(Path file) throws SessionException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SessionException("failed to open session file " + file, e);
        }
        try (channel; FileMutex mutex = FileMutex.shared(file, channel)) {
            return Optional.of(readAll(channel));
        } catch (IOException e) {
            throw new SessionException("failed to read " + file, e);
        }
    }

    private static byte[] readAll(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("session file too large: " + size + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        int read = 0;
        while (buffer.hasRemaining() && read >= 0) {
            read = channel.read(buffer);
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private List<SessionEntry> parse(Path file, byte[] content) throws SessionException {
        List<SessionEntry> entries = new ArrayList<>();
        parseLines(file, content, 0, content.length, 0, entries);
        return List.copyOf(entries);
    }

    /**
     * Parses the lines of {@code content[from, to)} into {@code entries}; the first line is number
     * {@code lineNumber + 1}.
     *
     * @return the number of the last line parsed
     */
    private int parseLines(Path file, byte[] content, int from, int to, int lineNumber, List<SessionEntry> entries)
            throws SessionException {
        if (SessionLines.parse(content, from, to, entries)) {
            return lineNumber + lineCount(content, from, to);
        }
        int start = from;
        int number = lineNumber;
        while (start < to) {
            int end = indexOf(content, (byte) '\n', start, to);
            int next = end < 0 ? to : end + 1;
            int stop = end < 0 ? to : end;
            if (stop > start && content[stop - 1] == '\r') {
                stop--;
            }
            number++;
            parseLine(file, number, content, start, stop, entries);
            start = next;
        }
        return number;
    }

    private void parseLine(Path file, int lineNumber, byte[] content, int from, int to, List<SessionEntry> entries)
            throws SessionException {
        DecodedLine line = decode(content, from, to);
        if (line == null) {
            throw decodeFailure(file);
        }
        if (UnicodeWhitespace.isBlank(line.text()) && !line.cutInCharacter()) {
            return;
        }
        JsonNode node;
        try {
            node = JsonText.parse(line.text());
        } catch (JsonEOFException e) {
            if (UnicodeWhitespace.trim(line.text()).startsWith("{")) {
                logger.get().warn("ignoring incomplete line " + lineNumber + " in session file " + file);
                return;
            }
            throw decodeFailure(file);
        } catch (JsonProcessingException e) {
            throw decodeFailure(file);
        }
        if (line.cutInCharacter()) {
            throw decodeFailure(file);
        }
        entries.add(toEntry(file, node));
    }

    private static SessionEntry toEntry(Path file, JsonNode node) throws SessionException {
        if (node == null || !node.isObject()) {
            throw decodeFailure(file);
        }
        JsonNode role = node.get("role");
        JsonNode content = node.get("content");
        JsonNode timestamp = node.get("timestamp");
        if (role == null || !role.isTextual() || content == null || !content.isTextual()
                || timestamp == null || !timestamp.isTextual()) {
            throw decodeFailure(file);
        }
        return new SessionEntry(role.textValue(), content.textValue(), timestamp.textValue());
    }

    private static SessionException decodeFailure(Path file) {
        return new SessionException("failed to decode session entry in " + file);
    }

    /**
     * Decodes one line as strict UTF-8. A multi-byte character cut off at the end of the line (a
     * crash in the middle of a write) is dropped and flagged; any other malformed byte gives
     * {@code null}.
     */
    private static DecodedLine decode(byte[] content, int from, int to) {
        CharsetDecoder decoder = UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content, from, to - from);
        CharBuffer out = CharBuffer.allocate(to - from);
        CoderResult result = decoder.decode(in, out, false);
        if (result.isError()) {
            return null;
        }
        out.flip();
        return new DecodedLine(out.toString(), in.hasRemaining());
    }

    private record DecodedLine(String text, boolean cutInCharacter) {
    }

    /** The lines of {@code content[from, to)} as {@link #parseLines} counts them: an unterminated last one counts. */
    private static int lineCount(byte[] content, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (content[i] == '\n') {
                lines++;
            }
        }
        return to > from && content[to - 1] != '\n' ? lines + 1 : lines;
    }

    private static int indexOf(byte[] content, byte target, int from, int to) {
        for (int i = from; i < to; i++) {
            if (content[i] == target) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Appends a turn: the user entry, then the assistant entry, adjacent, under an exclusive lock
     * on the session file, starting on a fresh line if the file ends in a torn line. Creates
     * {@code <data dir>/sessions} if needed.
     *
     * @throws SessionException {@code failed saving user message} when nothing of the turn could be
     *                          written, {@code failed saving assistant message} when the user line
     *                          may have been written but the assistant line not
     */
    public void appendTurn(String sessionId, SessionEntry user, SessionEntry assistant) throws SessionException {
        Path file = fileFor(sessionId);
        byte[] userLine = line(requireNonNull(user, "user is null"));
        byte[] assistantLine = line(requireNonNull(assistant, "assistant is null"));
        boolean interrupted = Thread.interrupted();
        try {
            appendLocked(file, userLine, assistantLine);
        } finally {
            restoreInterrupt(interrupted);
        }
    }

    private void appendLocked(Path file, byte[] userLine, byte[] assistantLine) throws SessionException {
        FileChannel channel;
        try {
            PrivateFiles.createDirectories(sessionsDir);
            channel = PrivateFiles.newFileChannel(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new SessionException(USER_FAILED, e);
        }
        String failure = USER_FAILED;
        try (channel; FileMutex mutex = FileMutex.exclusive(file, channel)) {
            long position = channel.size();
            if (position > 0 && !endsWithNewline(channel, position)) {
                position = writeFully(channel, new byte[] {'\n'}, position);
            }
            position = writeFully(channel, userLine, position);
            failure = ASSISTANT_FAILED;
            writeFully(channel, assistantLine, position);
        } catch (IOException e) {
            throw new SessionException(failure, e);
        }
    }

    private static boolean endsWithNewline(FileChannel channel, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        if (channel.read(last, size - 1) != 1) {
            throw new IOException("could not read the last byte");
        }
        return last.get(0) == '\n';
    }

    private static long writeFully(FileChannel channel, byte[] bytes, long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
        return at;
    }

    private static byte[] line(SessionEntry entry) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("role", entry.role());
        fields.put("content", entry.content());
        fields.put("timestamp", entry.timestamp());
        return (JsonText.compact(fields) + "\n").getBytes(UTF_8);
    }

    private static void restoreInterrupt(boolean interrupted) {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
