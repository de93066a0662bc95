package dev.rustypinch.runtime;

import dev.rustypinch.runtime.app.Application;
import dev.rustypinch.runtime.app.CommandException;
import dev.rustypinch.runtime.channel.ChannelCommand;
import dev.rustypinch.runtime.cli.Command;
import dev.rustypinch.runtime.cli.CommandLine;
import dev.rustypinch.runtime.cli.DoctorCommand;
import dev.rustypinch.runtime.cli.PluginsListCommand;
import dev.rustypinch.runtime.cli.ReplCommand;
import dev.rustypinch.runtime.cli.SessionCommand;
import dev.rustypinch.runtime.cli.StatsCommand;
import dev.rustypinch.runtime.cli.ToolsListCommand;
import dev.rustypinch.runtime.cli.TurnCommand;
import dev.rustypinch.runtime.cli.UsageException;
import dev.rustypinch.runtime.cli.VersionOption;
import dev.rustypinch.runtime.config.Environment;
import dev.rustypinch.runtime.config.Settings;
import dev.rustypinch.runtime.config.SettingsException;
import dev.rustypinch.runtime.logging.BackgroundLog4jProvider;
import dev.rustypinch.runtime.monitor.MonitorCommand;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** The {@code rusty-pinch} command (SPEC §1, §3). */
public final class Main {
    /** System property the launcher sets to the install directory. */
    public static final String HOME_PROPERTY = "rusty-pinch.home";

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && VersionOption.matches(args[0])) {
            // The cheapest path of all (SPEC §3): nothing but the version line.
            System.out.print(VersionOption.line());
            System.out.flush();
            return;
        }
        Path home = home();
        configureLogging(home);
        int code = run(args, System.getenv(), Path.of("").toAbsolutePath(), home, System.in, System.out, System.err);
        System.out.flush();
        BackgroundLog4jProvider.finishStart();
        if (code == 0 && noOtherThreadKeepsTheJvmAlive()) {
            // The JVM ends as after System.exit(0) (shutdown hooks, status 0) without Runtime.exit's logger lookup:
            // from Java 21 on, every System.exit asks System.getLogger("java.lang.Runtime") whether to log the call,
            // which starts java.util.logging (its configuration file included) in a process that never logs with it.
            return;
        }
        System.exit(code);
    }

    /** Whether every thread but this one is a daemon, so that returning from {@code main} ends the JVM. */
    static boolean noOtherThreadKeepsTheJvmAlive() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 8];
        int count = root.enumerate(threads, true);
        if (count >= threads.length) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            Thread thread = threads[i];
            if (thread != Thread.currentThread() && thread.isAlive() && !thread.isDaemon()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs one command with an explicit environment, working directory and streams (tests call this in-process).
     *
     * @param home the install directory, or null without the launcher
     * @return the exit code
     */
    public static int run(String[] args, Map<String, String> processEnv, Path workingDirectory, Path home,
                          InputStream in, PrintStream out, PrintStream err) {
        Command command;
        try {
            command = CommandLine.parse(args);
        } catch (UsageException e) {
            err.print(e.render());
            return 2;
        }
        if (command instanceof Command.Help help) {
            out.print(help.text());
            return 0;
        }
        if (command instanceof Command.Version) {
            out.print(VersionOption.line());
            return 0;
        }
        Application app;
        try {
            Environment environment = Environment.load(processEnv, workingDirectory);
            app = new Application(environment, Settings.from(environment, home), workingDirectory, in, out, err, Clock.systemUTC());
        } catch (SettingsException e) {
            err.print(CommandException.render(e));
            return 1;
        }
        try (app) {
            return execute(app, command);
        } catch (CommandException e) {
            err.print(CommandException.render(e));
            return 1;
        } catch (RuntimeException e) {
            // A bug or a misbehaving plugin: still the SPEC's error form, never a stack trace on stderr.
            err.print(CommandException.render(new CommandException("unexpected failure: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()))));
            return 1;
        } finally {
            out.flush();
        }
    }

    private static int execute(Application app, Command command) throws CommandException {
        if (command instanceof Command.Doctor doctor) {
            return new DoctorCommand(app).execute(doctor.strict());
        } else if (command instanceof Command.Run run) {
            return new TurnCommand(app).execute(run.session(), run.message());
        } else if (command instanceof Command.ToolsRun toolsRun) {
            return new TurnCommand(app).execute(toolsRun.session(), TurnCommand.toolInput(toolsRun.name(), toolsRun.args()));
        } else if (command instanceof Command.Repl repl) {
            return new ReplCommand(app).execute(repl.session());
        } else if (command instanceof Command.Session session) {
            return new SessionCommand(app).execute(session.session());
        } else if (command instanceof Command.Stats) {
            return new StatsCommand(app).execute();
        } else if (command instanceof Command.ToolsList) {
            return new ToolsListCommand(app).execute();
        } else if (command instanceof Command.PluginsList) {
            return new PluginsListCommand(app).execute();
        } else if (command instanceof Command.Channels channels) {
            return new ChannelCommand(app).execute(channels.channel(), channels.maxMessages());
        } else if (command instanceof Command.Monitor monitor) {
            return new MonitorCommand(app).execute(monitor);
        }
        throw new IllegalStateException("unhandled command " + command);
    }

    /** The install directory the launcher passed, or null. */
    static Path home() {
        String home = System.getProperty(HOME_PROPERTY);
        return home == null || home.isBlank() ? null : Path.of(home);
    }

    /**
     * Points Log4j at {@code <home>/conf/log4j2.xml} when the launcher ran us, and binds SLF4J. Log4j starts only
     * once something asks for a logger, and then on a thread of its own ({@link BackgroundLog4jProvider}, chosen as
     * SLF4J's provider; SLF4J's own notes below WARN, such as which provider it loads, stay off stderr). Unless the
     * user chose otherwise with {@code -D}: one logging context for the whole process (Log4j's default gives every
     * class loader, so every plugin that logs, its own context, configured again from the file: a second start of
     * Log4j, and two appenders on one file), and no JMX beans for it (they load {@code javax.management}).
     */
    static void configureLogging(Path home) {
        setUnlessSet(BackgroundLog4jProvider.class.getName(), "slf4j.provider");
        setUnlessSet("WARN", "slf4j.internal.verbosity");
        setUnlessSet("org.apache.logging.log4j.core.selector.BasicContextSelector",
                "log4j2.contextSelector", "Log4jContextSelector");
        setUnlessSet("true", "log4j2.disable.jmx", "log4j2.disableJmx");
        if (home != null && System.getProperty("log4j2.configurationFile") == null) {
            Path config = home.resolve("conf").resolve("log4j2.xml");
            if (Files.isRegularFile(config)) {
                System.setProperty("log4j2.configurationFile", config.toString());
            }
        }
        // Binds SLF4J to its provider now, while this is the only thread: two threads asking for their first loggers
        // at once (a channel's start-up threads do) would otherwise get SLF4J's stand-ins, and SLF4J would say so on
        // stderr. Binding starts nothing: the provider starts Log4j later, on its own thread.
        LoggerFactory.getILoggerFactory();
    }

    /** Sets the first of the property names to the value when none of them is set. */
    private static void setUnlessSet(String value, String... names) {
        for (String name : names) {
            if (System.getProperty(name) != null) {
                return;
            }
        }
        System.setProperty(names[0], value);
    }
}
