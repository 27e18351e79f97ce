package io.xenon.toolstack.xl;

import io.xenon.toolstack.api.ApiClient;
import io.xenon.toolstack.api.ApiException;
import io.xenon.toolstack.api.StateDir;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code xl}, Xen's toolstack command line, speaking to the Xenon daemon's REST API. The command
 * table, as {@code xl_cmdtable.c}, maps each command name to its family; a family is one class
 * whose {@code @Command} methods carry the name, summary and usage, and picocli parses each
 * command's options. {@code xl help} prints the table.
 */
public final class Xl {

    private final StateDir stateDir;
    final PrintStream out;
    final PrintStream err;
    final InputStream in;
    private final Map<String, CommandLine> table = new LinkedHashMap<>();
    private ApiClient client;

    Xl(StateDir stateDir, InputStream in, PrintStream out, PrintStream err) {
        this.stateDir = stateDir;
        this.in = in;
        this.out = out;
        this.err = err;
        for (Object family : List.of(new DomainCommands(this), new VcpuCommands(this), new SchedCommands(this),
                new MemoryCommands(this), new DeviceCommands(this), new HostCommands(this), new CpupoolCommands(this),
                new TopCommand(this), new ConsoleCommand(this))) {
            CommandLine cl = configure(new CommandLine(family));
            cl.getSubcommands().forEach((name, sub) -> {
                sub.getCommandSpec().addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Print this help.").build());
                table.put(name, cl);
            });
        }
    }

    public static void main(String[] args) {
        Xl xl = new Xl(StateDir.fromEnvironment(), System.in, System.out, System.err);
        int code = xl.run(args);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line ({@code <command> [options] [args]}); returns the exit code. */
    int run(String... args) {
        if (args.length == 0) {
            help(null);
            return 1;
        }
        String name = args[0];
        if (name.equals("help") || name.equals("-h") || name.equals("--help")) {
            return help(args.length > 1 ? args[1] : null);
        }
        CommandLine family = table.get(name);
        if (family == null) {
            err.println("command not implemented: " + name + " (see xl help)");
            return 1;
        }
        return family.execute(args);
    }

    /** The daemon's API, found through the state directory on first use. */
    ApiClient client() throws ApiException {
        if (client == null) {
            client = ApiClient.of(stateDir, Duration.ofSeconds(60));
        }
        return client;
    }

    /** The command names, in table order. */
    List<String> commands() {
        return List.copyOf(table.keySet());
    }

    private CommandLine configure(CommandLine cl) {
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, args) -> {
            String cmd = args.length > 0 ? args[0] : "";
            err.println("xl " + cmd + ": " + ex.getMessage() + " (see xl help " + cmd + ")");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof XlException x) {
                err.println(x.getMessage());
                return x.exitCode();
            }
            if (ex instanceof ApiException a) {
                err.println(a.getMessage());
                return 1;
            }
            err.println("xl: " + ex);
            return 1;
        });
        return cl;
    }

    /** {@code xl help [command]}: the command table, or one command's usage. */
    int help(String command) {
        if (command != null) {
            CommandLine family = table.get(command);
            if (family == null) {
                err.println("command not implemented: " + command);
                return 1;
            }
            family.getSubcommands().get(command).usage(out);
            return 0;
        }
        out.println("Usage xl <subcommand> [args]");
        out.println();
        out.println("xl full list of subcommands:");
        out.println();
        table.forEach((name, family) -> {
            String[] summary = family.getSubcommands().get(name).getCommandSpec().usageMessage().description();
            out.printf(Locale.ROOT, " %-19s %s%n", name, summary.length == 0 ? "" : summary[0]);
        });
        out.println();
        return 0;
    }

    @Override
    public String toString() {
        return "xl " + Arrays.toString(commands().toArray());
    }
}
