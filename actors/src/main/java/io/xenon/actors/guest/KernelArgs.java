package io.xenon.actors.guest;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A kernel command line read as {@code key=value} words, as built-in images take their
 * parameters ({@code extra = "after=5s count=3"}). Words without {@code =} are flags with the
 * value {@code ""}; later words override earlier ones.
 */
public final class KernelArgs {

    private final String line;
    private final Map<String, String> values;

    private KernelArgs(String line, Map<String, String> values) {
        this.line = line;
        this.values = values;
    }

    public static KernelArgs parse(String commandLine) {
        String line = commandLine == null ? "" : commandLine.trim();
        Map<String, String> values = new LinkedHashMap<>();
        if (!line.isEmpty()) {
            for (String word : line.split("\\s+")) {
                int eq = word.indexOf('=');
                if (eq < 0) {
                    values.put(word, "");
                } else {
                    values.put(word.substring(0, eq), word.substring(eq + 1));
                }
            }
        }
        return new KernelArgs(line, Collections.unmodifiableMap(values));
    }

    /** The whole line as given. */
    public String line() {
        return line;
    }

    public Map<String, String> asMap() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public String string(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /** An integer parameter. @throws IllegalArgumentException naming the key if it is not one */
    public long number(String key, long fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + v + ": expected an integer");
        }
    }

    /**
     * A duration parameter: a number with {@code ns}, {@code us}, {@code ms}, {@code s},
     * {@code m} or {@code h}; a bare number is in {@code defaultUnit}.
     *
     * @throws IllegalArgumentException naming the key if it is not a duration
     */
    public Duration duration(String key, Duration fallback, java.time.temporal.ChronoUnit defaultUnit) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ns|us|ms|s|m|h)?").matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException(key + "=" + v + ": expected a duration such as 500ms or 5s");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2);
        if (unit == null) {
            return Duration.of(n, defaultUnit);
        }
        return switch (unit) {
            case "ns" -> Duration.ofNanos(n);
            case "us" -> Duration.ofNanos(n * 1000);
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
