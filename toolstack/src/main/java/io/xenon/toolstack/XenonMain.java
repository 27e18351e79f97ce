package io.xenon.toolstack;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.typesafe.config.Config;
import io.xenon.actors.HostSettings;
import io.xenon.toolstack.api.StateDir;
import io.xenon.toolstack.daemon.Daemon;
import io.xenon.toolstack.daemon.DaemonConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The {@code xenon} command: {@code xenon up [--config FILE]} runs the daemon in the foreground
 * until SIGTERM or Ctrl-C. ({@code xenon bench} is served by the bench module's launcher.)
 */
@Command(name = "xenon", mixinStandardHelpOptions = true, versionProvider = XenonMain.Version.class,
        description = "The Xenon hypervisor service.", subcommands = {XenonMain.Up.class})
public final class XenonMain implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(new CommandLine(new XenonMain()).execute(args));
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return 2;
    }

    /** {@code xenon up}: runs the daemon in the foreground. */
    @Command(name = "up", description = "Run the Xenon daemon in the foreground (stop with SIGTERM or Ctrl-C).")
    static final class Up implements Callable<Integer> {

        @Option(names = "--config", paramLabel = "FILE",
                description = "host configuration (HOCON); default: the shipped application.conf")
        Path config;

        @Override
        public Integer call() {
            Config conf;
            try {
                conf = DaemonConfig.load(config, System.getenv());
            } catch (IllegalArgumentException e) {
                System.err.println("xenon: " + e.getMessage());
                return 1;
            }
            HostSettings settings = HostSettings.from(conf);
            configureLogging(settings.stateDir());
            Path base = config == null ? Path.of("").toAbsolutePath() : config.toAbsolutePath().getParent();
            try {
                Daemon daemon = Daemon.start(conf, base);
                System.out.println("Xenon is up: API on 127.0.0.1:" + daemon.apiPort() + ", metrics on port "
                        + daemon.metricsPort() + ", state in " + daemon.stateDir().root() + ", XENSTORED_PATH="
                        + daemon.stateDir().resolve(StateDir.XENSTORED_SOCKET));
                System.out.flush();
                daemon.awaitTermination();
                return 0;
            } catch (Exception e) {
                LoggerFactory.getLogger(XenonMain.class).error("cannot start", e);
                System.err.println("xenon: " + e.getMessage());
                return 1;
            }
        }
    }

    /** Logs go to the console and to {@code <state-dir>/logs/xenon.log}. */
    private static void configureLogging(Path stateDir) {
        System.setProperty("xenon.log.dir", stateDir.resolve("logs").toString());
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(XenonMain.class.getResource("/xenon-daemon-logback.xml"));
        } catch (ch.qos.logback.core.joran.spi.JoranException e) {
            System.err.println("xenon: logging set-up failed: " + e.getMessage());
        }
    }

    /** The version picocli prints for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = XenonMain.class.getPackage().getImplementationVersion();
            return new String[] {"xenon " + (v == null ? "development build" : v)};
        }
    }
}
