package dev.rustypinch.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/** Entry names and Unix modes of a .tar.gz or .zip, read without third-party libraries. */
final class ArchiveEntries {
    private ArchiveEntries() {
    }

    /** Entry name (directories end with '/') → Unix permission bits. */
    static Map<String, Integer> ofTarGz(Path file) throws IOException {
        Map<String, Integer> entries = new TreeMap<>();
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
            byte[] header = new byte[512];
            String paxPath = null;
            while (true) {
                try {
                    in.readFully(header);
                } catch (EOFException e) {
                    break;
                }
                if (header[0] == 0) {
                    break;
                }
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                byte[] body = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                if (type == 'x') {
                    paxPath = paxValue(new String(body, UTF_8), "path");
                    continue;
                }
                String name = paxPath != null ? paxPath : ustarName(header);
                paxPath = null;
                if (type == '5' && !name.endsWith("/")) {
                    name += "/";
                }
                entries.put(name, (int) octal(header, 100, 8) & 07777);
            }
        }
        return entries;
    }

    /** Entry name → Unix permission bits from the central directory's external attributes. */
    static Map<String, Integer> ofZip(Path file) throws IOException {
        ByteBuffer zip = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int end = zip.limit() - 22;
        while (end >= 0 && zip.getInt(end) != 0x06054b50) {
            end--;
        }
        if (end < 0) {
            throw new IOException("no end of central directory in " + file);
        }
        int count = Short.toUnsignedInt(zip.getShort(end + 10));
        int offset = zip.getInt(end + 16);
        Map<String, Integer> entries = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            if (zip.getInt(offset) != 0x02014b50) {
                throw new IOException("bad central directory header in " + file);
            }
            int nameLength = Short.toUnsignedInt(zip.getShort(offset + 28));
            int extraLength = Short.toUnsignedInt(zip.getShort(offset + 30));
            int commentLength = Short.toUnsignedInt(zip.getShort(offset + 32));
            int externalAttributes = zip.getInt(offset + 38);
            byte[] name = new byte[nameLength];
            zip.get(offset + 46, name);
            entries.put(new String(name, UTF_8), (externalAttributes >>> 16) & 07777);
            offset += 46 + nameLength + extraLength + commentLength;
        }
        return entries;
    }

    private static String ustarName(byte[] header) {
        String name = field(header, 0, 100);
        String prefix = field(header, 345, 155);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) {
        String text = field(header, offset, length).trim();
        return text.isEmpty() ? 0 : Long.parseLong(text, 8);
    }

    private static String paxValue(String records, String key) {
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            int equals = record.indexOf('=');
            if (space > 0 && equals > space && record.substring(space + 1, equals).equals(key)) {
                return record.substring(equals + 1);
            }
        }
        return null;
    }
}
