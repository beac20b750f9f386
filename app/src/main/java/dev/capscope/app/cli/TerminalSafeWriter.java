package dev.capscope.app.cli;

import dev.capscope.core.text.TerminalText;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Everything the command line prints passes through here: whatever a command forgot to escape
 * (a message quoting a file name, a library's text) still cannot reach the terminal as an escape
 * sequence, carriage return or bidi override. Line feeds and tabs pass, since the output is made of lines;
 * values that could carry one are escaped where they are formatted ({@link TerminalText#escape}).
 */
final class TerminalSafeWriter extends FilterWriter {
    private char pendingHigh; // a high surrogate waiting for its pair, which may come in the next write

    TerminalSafeWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        char ch = (char) c;
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(ch)) {
                writeCodePoint(Character.toCodePoint(high, ch));
                return;
            }
            writeCodePoint(high);
        }
        if (Character.isHighSurrogate(ch)) {
            pendingHigh = ch;
            return;
        }
        writeCodePoint(ch);
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        write(new String(buf, off, len), 0, len);
    }

    /** Runs of plain printable ASCII (nearly everything) go through in one piece. */
    @Override
    public void write(String s, int off, int len) throws IOException {
        int end = off + len;
        int run = off;
        for (int i = off; i < end; i++) {
            char c = s.charAt(i);
            if (pendingHigh == 0 && (c >= 0x20 && c < 0x7f || c == '\n')) {
                continue;
            }
            out.write(s, run, i - run);
            write(c);
            run = i + 1;
        }
        out.write(s, run, end - run);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    private void writeCodePoint(int cp) throws IOException {
        if (cp == '\n' || cp == '\t' || !TerminalText.unsafe(cp)) { // tabs only align, as in stack traces
            if (Character.isBmpCodePoint(cp)) {
                out.write(cp);
            } else {
                out.write(Character.toChars(cp));
            }
        } else {
            out.write(TerminalText.escape(new String(Character.toChars(cp))));
        }
    }
}
