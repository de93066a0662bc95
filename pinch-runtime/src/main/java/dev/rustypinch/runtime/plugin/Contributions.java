package dev.rustypinch.runtime.plugin;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.ChannelFactory;
import dev.rustypinch.api.ConfigKey;
import dev.rustypinch.api.ProviderFactory;
import dev.rustypinch.api.ToolFactory;
import dev.rustypinch.api.ToolSourceFactory;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What one plugin contributes through {@link java.util.ServiceLoader} declarations: its factories
 * by the provider, channel and tool names they serve, and the union of their config keys. Scanning
 * creates the factories (to read their names) but never a provider, channel or tool.
 *
 * @param providers    provider name to factory
 * @param channels     channel name to factory
 * @param tools        tool name to factory
 * @param sources      tool source name to factory (API 1.1: tools discovered at run time)
 * @param configKeys   the factories' config keys, one per name (the first declaration wins), by name
 * @param declaredAny  whether the plugin's jars declare any factory class at all
 */
record Contributions(
        SortedMap<String, ProviderFactory> providers,
        SortedMap<String, ChannelFactory> channels,
        SortedMap<String, ToolFactory> tools,
        SortedMap<String, ToolSourceFactory> sources,
        List<ConfigKey> configKeys,
        boolean declaredAny) {
    static final String PROVIDER = "provider";
    static final String CHANNEL = "channel";
    static final String TOOL = "tool";
    static final String TOOL_SOURCE = "tool source";

    private static final Pattern NAME_FORM = Pattern.compile("[a-z0-9_-]{1,64}");

    Contributions {
        providers = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(providers, "providers is null")));
        channels = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(channels, "channels is null")));
        tools = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(tools, "tools is null")));
        sources = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(sources, "sources is null")));
        configKeys = List.copyOf(requireNonNull(configKeys, "configKeys is null"));
    }

    /** Whether a provider, channel or tool name is valid: 1-64 characters from a-z, 0-9, _ and - (SPEC §9.2). */
    static boolean isValidName(String name) {
        return name != null && NAME_FORM.matcher(name).matches();
    }

    /**
     * Creates the plugin's factories and reads their names, adding every problem found (a missing or
     * wrong class, a failing constructor, an invalid or repeated name) to {@code problems}.
     */
    static Contributions scan(String pluginName, PluginClassLoader loader, ServiceDeclarations declarations,
            List<Problem> problems) {
        Scan scan = new Scan(pluginName, loader, declarations, problems);
        List<Created<ProviderFactory>> providerFactories = scan.create(ProviderFactory.class);
        List<Created<ChannelFactory>> channelFactories = scan.create(ChannelFactory.class);
        List<Created<ToolFactory>> toolFactories = scan.create(ToolFactory.class);
        List<Created<ToolSourceFactory>> sourceFactories = scan.create(ToolSourceFactory.class);
        SortedMap<String, ProviderFactory> providers = new TreeMap<>();
        for (Created<ProviderFactory> created : providerFactories) {
            scan.ask(created, "providerNames", created.factory()::providerNames).ifPresent(names -> {
                List<String> sorted = new ArrayList<>(names);
                sorted.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
                for (String name : sorted) {
                    scan.register(PROVIDER, name, created.factory(), providers);
                }
            });
        }
        SortedMap<String, ChannelFactory> channels = new TreeMap<>();
        for (Created<ChannelFactory> created : channelFactories) {
            scan.ask(created, "channelName", created.factory()::channelName)
                    .ifPresent(name -> scan.register(CHANNEL, name, created.factory(), channels));
        }
        SortedMap<String, ToolFactory> tools = new TreeMap<>();
        for (Created<ToolFactory> created : toolFactories) {
            scan.ask(created, "toolName", created.factory()::toolName)
                    .ifPresent(name -> scan.register(TOOL, name, created.factory(), tools));
        }
        SortedMap<String, ToolSourceFactory> sources = new TreeMap<>();
        for (Created<ToolSourceFactory> created : sourceFactories) {
            scan.ask(created, "sourceName", created.factory()::sourceName)
                    .ifPresent(name -> scan.register(TOOL_SOURCE, name, created.factory(), sources));
        }
        Map<String, ConfigKey> configKeys = new TreeMap<>();
        providerFactories.forEach(created -> scan.collectKeys(created, created.factory()::configKeys, configKeys));
        channelFactories.forEach(created -> scan.collectKeys(created, created.factory()::configKeys, configKeys));
        toolFactories.forEach(created -> scan.collectKeys(created, created.factory()::configKeys, configKeys));
        sourceFactories.forEach(created -> scan.collectKeys(created, created.factory()::configKeys, configKeys));
        return new Contributions(providers, channels, tools, sources, new ArrayList<>(configKeys.values()),
                scan.declaredAny);
    }

    /** A factory and the class name its services file gave. */
    private record Created<F>(String className, F factory) {
    }

    /** The state of one plugin's scan. */
    @SuppressWarnings("try") // a ContextClassLoaderSwap works by existing; its body never uses it
    private static final class Scan {
        private final String pluginName;
        private final PluginClassLoader loader;
        private final ServiceDeclarations declarations;
        private final List<Problem> problems;
        private boolean declaredAny;

        Scan(String pluginName, PluginClassLoader loader, ServiceDeclarations declarations, List<Problem> problems) {
            this.pluginName = pluginName;
            this.loader = loader;
            this.declarations = declarations;
            this.problems = problems;
        }

        <F> List<Created<F>> create(Class<F> type) {
            List<String> classNames;
            try {
                classNames = declarations.classNames(type);
            } catch (IOException e) {
                problems.add(Problem.unreadable("META-INF/services/" + type.getName(), Failures.describe(e)));
                return List.of();
            }
            declaredAny |= !classNames.isEmpty();
            List<Created<F>> created = new ArrayList<>();
            for (String className : classNames) {
                instantiate(type, className).ifPresent(factory -> created.add(new Created<>(className, factory)));
            }
            return created;
        }

        private <F> Optional<F> instantiate(Class<F> type, String className) {
            Class<?> found;
            try {
                found = Class.forName(className, false, loader);
            } catch (ClassNotFoundException e) {
                problems.add(Problem.classNotFound(className));
                return Optional.empty();
            } catch (LinkageError e) {
                problems.add(Problem.failedToCreate(className, e));
                return Optional.empty();
            }
            if (!type.isAssignableFrom(found)) {
                problems.add(Problem.notAFactory(className, type));
                return Optional.empty();
            }
            try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
                Constructor<?> constructor = found.getConstructor();
                return Optional.of(type.cast(constructor.newInstance()));
            } catch (NoSuchMethodException e) {
                problems.add(Problem.noPublicConstructor(className));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                problems.add(Problem.failedToCreate(className, e));
            }
            return Optional.empty();
        }

        <T> Optional<T> ask(Created<?> created, String method, Supplier<T> call) {
            try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
                T answer = call.get();
                if (answer == null) {
                    problems.add(Problem.nullAnswer(created.className(), method));
                }
                return Optional.ofNullable(answer);
            } catch (RuntimeException | LinkageError e) {
                problems.add(Problem.failedToAsk(created.className(), method, e));
                return Optional.empty();
            }
        }

        <F> void register(String kind, String name, F factory, Map<String, F> into) {
            if (!isValidName(name)) {
                problems.add(Problem.invalidName(kind, String.valueOf(name)));
            } else if (into.putIfAbsent(name, factory) != null) {
                problems.add(Problem.duplicateContribution(kind, name, pluginName));
            }
        }

        void collectKeys(Created<?> created, Supplier<List<ConfigKey>> call, Map<String, ConfigKey> into) {
            ask(created, "configKeys", () -> List.copyOf(call.get())).ifPresent(keys -> {
                for (ConfigKey key : keys) {
                    into.putIfAbsent(key.name(), key);
                }
            });
        }
    }
}
