package io.xenon.toolstack.daemon;

import io.xenon.runtime.config.ConfigException;
import io.xenon.runtime.config.DomainConfig;
import io.xenon.runtime.config.DomainConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The domains a host starts with it ({@code xenon.autostart}), like Xen's {@code xendomains}
 * {@code auto} directory: xl.cfg files, relative paths taken from the host file's folder.
 */
final class Autostart {

    private Autostart() {
    }

    /** A config to start, or the reason it cannot be read. */
    record Entry(Path file, DomainConfig config, String error) {
    }

    static List<Entry> read(List<String> files, Path baseDir) {
        List<Entry> out = new ArrayList<>();
        for (String f : files) {
            Path file = baseDir.resolve(f).normalize();
            try {
                String text = Files.readString(file);
                out.add(new Entry(file, DomainConfigs.read(text, file.toString(), List.of()), null));
            } catch (IOException e) {
                out.add(new Entry(file, null, "cannot read " + file + ": " + e.getMessage()));
            } catch (ConfigException e) {
                out.add(new Entry(file, null, e.getMessage()));
            }
        }
        return out;
    }
}
