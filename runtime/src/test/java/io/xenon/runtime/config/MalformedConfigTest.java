package io.xenon.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each config under {@code xlcfg/malformed} has one mistake; reading it must fail with exactly
 * the {@code file:line:column: message} that {@code expected.tsv} gives for it.
 */
class MalformedConfigTest {

    @TestFactory
    Stream<DynamicTest> reportsEachMistakeExactly() throws IOException, URISyntaxException {
        Path dir = Path.of(MalformedConfigTest.class.getResource("/xlcfg/malformed").toURI());
        Map<String, String> expected = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("expected.tsv"), StandardCharsets.UTF_8)) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                String[] f = line.split("\t", 2);
                expected.put(f[0], f[1]);
            }
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".cfg")).sorted().toList();
        }
        assertTrue(files.size() >= 12, "the malformed set has " + files.size() + " files");
        assertEquals(expected.keySet().size(), files.size(), "one expectation per file");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String name = f.getFileName().toString();
            String want = expected.get(name);
            assertNotNull(want, "no expectation for " + name);
            ConfigException e = assertThrows(ConfigException.class,
                    () -> DomainConfigs.read(XlCfg.readFile(f), name, List.of()));
            assertEquals(want, e.getMessage());
        }));
    }
}
