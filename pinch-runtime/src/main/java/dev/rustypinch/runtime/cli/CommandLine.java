package dev.rustypinch.runtime.cli;

import dev.rustypinch.api.UnicodeWhitespace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses the command line of SPEC §3. Flags take {@code --flag value} or {@code --flag=value}. */
public final class CommandLine {
    private static final String PROGRAM = "rusty-pinch";

    /** One flag a command accepts. */
    private record Flag(String name, String valueName, boolean required) {
        boolean takesValue() {
            return valueName != null;
        }

        String display() {
            return takesValue() ? name + " <" + valueName + ">" : name;
        }
    }

    /** One command: its words, flags and one-line description. */
    private record Spec(String words, String description, List<Flag> flags) {
        String usage() {
            StringBuilder usage = new StringBuilder(PROGRAM).append(' ').append(words);
            boolean optional = flags.stream().anyMatch(flag -> !flag.required());
            if (optional) {
                usage.append(" [OPTIONS]");
            }
            flags.stream().filter(Flag::required).forEach(flag -> usage.append(' ').append(flag.display()));
            return usage.toString();
        }
    }

    private static final Flag SESSION = new Flag("--session", "SESSION", false);
    private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

    static {
        add(new Spec("doctor", "Check the configuration and plugins (the default command)",
                List.of(new Flag("--strict", null, false))));
        add(new Spec("run", "Run one turn and print the reply",
                List.of(SESSION, new Flag("--message", "MESSAGE", true))));
        add(new Spec("repl", "Chat interactively", List.of(SESSION)));
        add(new Spec("session", "Print a session's history as JSON", List.of(SESSION)));
        add(new Spec("stats", "Print telemetry, bus and prompt-cache counters as JSON", List.of()));
        add(new Spec("monitor", "Live view of a worker process, the host and storage", List.of(
                new Flag("--pid", "PID", false),
                new Flag("--process-match", "PATTERN", false),
                new Flag("--interval-ms", "MS", false),
                new Flag("--storage-refresh-ticks", "TICKS", false),
                new Flag("--once", null, false))));
        add(new Spec("tools list", "List the loaded tools", List.of()));
        add(new Spec("tools run", "Run a tool as a turn", List.of(
                SESSION, new Flag("--name", "NAME", true), new Flag("--args", "ARGS", false))));
        add(new Spec("channels telegram", "Run the Telegram worker",
                List.of(new Flag("--max-messages", "N", false))));
        add(new Spec("channels whatsapp", "Run the WhatsApp bridge worker",
                List.of(new Flag("--max-messages", "N", false))));
        add(new Spec("channels web", "Run the web channel: an OpenAI-compatible chat API and a chat page",
                List.of(new Flag("--max-messages", "N", false))));
        add(new Spec("plugins list", "List plugins: loaded, disabled and failed", List.of()));
    }

    private static void add(Spec spec) {
        SPECS.put(spec.words(), spec);
    }

    private CommandLine() {
    }

    /** Parses the arguments (without the program name). */
    public static Command parse(String[] arguments) throws UsageException {
        List<String> args = Arrays.asList(arguments);
        if (args.stream().anyMatch(arg -> arg.equals("-h") || arg.equals("--help"))) {
            return new Command.Help(help(args));
        }
        if (args.isEmpty()) {
            return new Command.Doctor(false);
        }
        if (VersionOption.matches(args.get(0))) {
            if (args.size() > 1) {
                throw new UsageException("unexpected argument '" + args.get(1) + "' after '" + args.get(0) + "'", PROGRAM + " --version");
            }
            return new Command.Version();
        }
        Spec spec = spec(args);
        int wordCount = spec.words().split(" ").length;
        Map<String, String> values = flagValues(spec, args.subList(wordCount, args.size()));
        return build(spec, values);
    }

    private static Spec spec(List<String> args) throws UsageException {
        String first = args.get(0);
        if (first.equals("tools") || first.equals("channels") || first.equals("plugins")) {
            if (args.size() < 2 || args.get(1).startsWith("-")) {
                throw new UsageException("'" + first + "' requires a subcommand: " + subcommands(first), PROGRAM + " " + first + " <COMMAND>");
            }
            Spec spec = SPECS.get(first + " " + args.get(1));
            if (spec == null) {
                throw new UsageException("unrecognized subcommand '" + args.get(1) + "' for '" + first + "'; expected one of: "
                        + subcommands(first), PROGRAM + " " + first + " <COMMAND>");
            }
            return spec;
        }
        Spec spec = SPECS.get(first);
        if (spec == null) {
            throw new UsageException("unrecognized subcommand '" + first + "'", PROGRAM + " [COMMAND]");
        }
        return spec;
    }

    private static String subcommands(String group) {
        List<String> names = new ArrayList<>();
        for (String words : SPECS.keySet()) {
            if (words.startsWith(group + " ")) {
                names.add(words.substring(group.length() + 1));
            }
        }
        return String.join(", ", names);
    }

    private static Map<String, String> flagValues(Spec spec, List<String> args) throws UsageException {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            Flag flag = find(spec, name);
            if (flag == null) {
                throw new UsageException("unexpected argument '" + arg + "' found", spec.usage());
            }
            if (values.containsKey(flag.name())) {
                throw new UsageException("the argument '" + flag.display() + "' cannot be used multiple times", spec.usage());
            }
            if (!flag.takesValue()) {
                if (value != null) {
                    throw new UsageException("unexpected value '" + value + "' for '" + flag.name() + "' found", spec.usage());
                }
                values.put(flag.name(), "");
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.size() || looksLikeFlag(args.get(i + 1))) {
                    throw new UsageException("a value is required for '" + flag.display() + "' but none was supplied", spec.usage());
                }
                value = args.get(++i);
            }
            values.put(flag.name(), value);
        }
        for (Flag flag : spec.flags()) {
            if (flag.required() && !values.containsKey(flag.name())) {
                throw new UsageException("the following required arguments were not provided:\n  " + flag.display(), spec.usage());
            }
        }
        return values;
    }

    /**
     * Like Rusty Pinch's parser: a separate value may not look like a flag (pass it as {@code --flag=-value}); {@code -}
     * alone and negative numbers are values.
     */
    private static boolean looksLikeFlag(String arg) {
        return arg.length() > 1 && arg.startsWith("-") && !arg.substring(1).chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static Flag find(Spec spec, String name) {
        return spec.flags().stream().filter(flag -> flag.name().equals(name)).findFirst().orElse(null);
    }

    private static Command build(Spec spec, Map<String, String> values) throws UsageException {
        String session = values.getOrDefault("--session", "default");
        switch (spec.words()) {
            case "doctor":
                return new Command.Doctor(values.containsKey("--strict"));
            case "run":
                return new Command.Run(session, values.get("--message"));
            case "repl":
                return new Command.Repl(session);
            case "session":
                return new Command.Session(session);
            case "stats":
                return new Command.Stats();
            case "monitor":
                return new Command.Monitor(
                        values.containsKey("--pid") ? (int) positive(spec, "--pid <PID>", values.get("--pid"), Integer.MAX_VALUE) : 0,
                        values.getOrDefault("--process-match", "rusty-pinch"),
                        values.containsKey("--interval-ms") ? positive(spec, "--interval-ms <MS>", values.get("--interval-ms"), Long.MAX_VALUE) : 1000,
                        values.containsKey("--storage-refresh-ticks")
                                ? positive(spec, "--storage-refresh-ticks <TICKS>", values.get("--storage-refresh-ticks"), Long.MAX_VALUE) : 10,
                        values.containsKey("--once"));
            case "tools list":
                return new Command.ToolsList();
            case "tools run":
                return new Command.ToolsRun(session, values.get("--name"), values.getOrDefault("--args", ""));
            case "channels telegram":
            case "channels whatsapp":
            case "channels web":
                long max = values.containsKey("--max-messages")
                        ? positive(spec, "--max-messages <N>", values.get("--max-messages"), Long.MAX_VALUE) : 0;
                return new Command.Channels(spec.words().substring("channels ".length()), max);
            case "plugins list":
                return new Command.PluginsList();
            default:
                throw new IllegalStateException("no builder for " + spec.words());
        }
    }

    /** A positive integer flag (SPEC §3): trimmed; non-number or zero is a usage error. */
    static long positive(Spec spec, String flag, String raw, long max) throws UsageException {
        String value = UnicodeWhitespace.trim(raw);
        long parsed;
        try {
            if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new NumberFormatException();
            }
            parsed = Long.parseLong(value);
            if (parsed > max) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new UsageException("invalid value '" + raw + "' for '" + flag + "': invalid positive integer: " + value, spec.usage());
        }
        if (parsed == 0) {
            throw new UsageException("invalid value '" + raw + "' for '" + flag + "': value must be >= 1", spec.usage());
        }
        return parsed;
    }

    private static String help(List<String> args) {
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("-")) {
                break;
            }
            words.add(arg);
        }
        Spec spec = words.size() >= 2 ? SPECS.get(words.get(0) + " " + words.get(1)) : null;
        if (spec == null && !words.isEmpty()) {
            spec = SPECS.get(words.get(0));
        }
        if (spec != null) {
            StringBuilder text = new StringBuilder(spec.description()).append("\n\nUsage: ").append(spec.usage()).append('\n');
            if (!spec.flags().isEmpty()) {
                text.append("\nOptions:\n");
                spec.flags().forEach(flag -> text.append("  ").append(flag.display()).append('\n'));
            }
            return text.append("  -h, --help\n").toString();
        }
        StringBuilder text = new StringBuilder("Rusty Pinch: a personal AI assistant runtime\n\nUsage: ")
                .append(PROGRAM).append(" [COMMAND]\n\nCommands:\n");
        SPECS.values().forEach(s -> text.append(String.format(java.util.Locale.ROOT, "  %-18s %s\n", s.words(), s.description())));
        return text.append("\nWithout a command, runs doctor.\n\nOptions:\n  -h, --help\n  -V, --version\n").toString();
    }
}
