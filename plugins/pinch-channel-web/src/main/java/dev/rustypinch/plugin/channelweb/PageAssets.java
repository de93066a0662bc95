package dev.rustypinch.plugin.channelweb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** The chat page (SPEC §20.3): HTML, script and style, read once from the plugin jar. */
final class PageAssets {
    record Asset(String contentType, byte[] bytes) {
    }

    private static final String BASE = "/dev/rustypinch/plugin/channelweb/page/";

    private final Map<String, Asset> byPath;

    private PageAssets(Map<String, Asset> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    static PageAssets load() {
        return new PageAssets(Map.of(
                "/", new Asset("text/html; charset=utf-8", read("index.html")),
                "/app.js", new Asset("text/javascript; charset=utf-8", read("app.js")),
                "/app.css", new Asset("text/css; charset=utf-8", read("app.css"))));
    }

    Optional<Asset> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    private static byte[] read(String name) {
        try (InputStream in = PageAssets.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("page asset " + name + " is missing from the plugin jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("failed reading page asset " + name, e);
        }
    }
}
