package io.xenon.runtime.config;

import java.util.Arrays;
import java.util.List;

/**
 * The text xl reads for one config: the file, then each command-line override on a line of its
 * own ({@code xl create cfg 'k=v'} appends {@code "\n" + override} for each and a final
 * {@code "\n"}, as {@code xl_vmcontrol.c} does). It turns offsets into the positions the user
 * sees: {@code file:line:column} inside the file, {@code <command line>:N:column} inside the
 * overrides, where N counts override lines from 1.
 */
final class SourceText {

    /** The source name used for positions inside command-line overrides. */
    static final String COMMAND_LINE = "<command line>";

    private final String text;
    private final String file;
    /** Offset where the overrides start; {@code text.length() + 1} past the end when there are none. */
    private final int overridesStart;
    private final int[] lineStarts;
    private int lastLineStart = -1;
    private int lastOffset;
    private int lastColumn;

    private SourceText(String text, String file, int overridesStart) {
        this.text = text;
        this.file = file;
        this.overridesStart = overridesStart;
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
    }

    /** The file's text followed by the overrides, each on a line of its own. */
    static SourceText of(String fileText, String file, List<String> overrides) {
        if (overrides.isEmpty()) {
            return new SourceText(fileText, file, Integer.MAX_VALUE);
        }
        StringBuilder sb = new StringBuilder(fileText);
        for (String o : overrides) {
            sb.append('\n').append(o);
        }
        sb.append('\n');
        return new SourceText(sb.toString(), file, fileText.length() + 1);
    }

    String text() {
        return text;
    }

    /** The user-visible position of a character offset (1-based line and column). */
    Position positionOf(int offset) {
        int line = Arrays.binarySearch(lineStarts, offset);
        if (line < 0) {
            line = -line - 2;
        }
        int column = column(lineStarts[line], Math.min(offset, text.length()));
        if (offset >= overridesStart) {
            int firstOverrideLine = Arrays.binarySearch(lineStarts, overridesStart);
            return new Position(COMMAND_LINE, line - firstOverrideLine + 1, column);
        }
        return new Position(file, line + 1, column);
    }

    /**
     * The 1-based column, counted in code points. Tokens ask in increasing order, so the count
     * goes on from the last answer on the same line instead of from the line's start, which
     * keeps a long line from costing time quadratic in its length.
     */
    private int column(int lineStart, int offset) {
        if (lineStart != lastLineStart || offset < lastOffset) {
            lastLineStart = lineStart;
            lastOffset = lineStart;
            lastColumn = 1;
        }
        lastColumn += text.codePointCount(lastOffset, offset);
        lastOffset = offset;
        return lastColumn;
    }
}
