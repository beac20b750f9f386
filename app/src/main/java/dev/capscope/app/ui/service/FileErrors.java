package dev.capscope.app.ui.service;

import dev.capscope.core.json.LocatedFormatException;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Error texts for files the window reads and writes: what happened (naming the file once, with
 * line, column and field when the content is at fault) and what to do, without exception class
 * names. A missing file is called missing, not "not a Capscope snapshot".
 */
public final class FileErrors {
    private FileErrors() {
    }

    /** What happened, and what to do. */
    public record Text(String whatHappened, String whatToDo) {
    }

    /** A file that could not be read; {@code otherwise} is the advice when the error gives none. */
    public static Text reading(Path file, Throwable e, String otherwise) {
        if (e instanceof LocatedFormatException f) {
            return new Text(sentence(f.whatHappened()), f.hint().isEmpty() ? otherwise : sentence(f.hint()));
        }
        if (e instanceof NoSuchFileException) {
            return new Text(file + ": no such file.", "Check the path and the file name.");
        }
        if (e instanceof AccessDeniedException) {
            return new Text(file + ": permission denied.", "Check the file's permissions.");
        }
        return new Text(file + ": " + sentence(reason(e)), otherwise);
    }

    /** A file that could not be written; {@code otherwise} is the advice when nothing more specific fits. */
    public static Text writing(Path file, Throwable e, String otherwise) {
        Path folder = file.toAbsolutePath().getParent();
        if (e instanceof AccessDeniedException) {
            return new Text(file + " cannot be written: permission denied in " + folder + ".",
                    "Choose a folder you can write to.");
        }
        if (e instanceof NoSuchFileException) {
            return new Text(file + " cannot be written: the folder " + folder + " does not exist.",
                    "Choose an existing folder.");
        }
        String why = reason(e);
        if (why.toLowerCase(java.util.Locale.ROOT).contains("no space left")) {
            return new Text(file + " cannot be written: the disk is full.", "Free some space, then save again.");
        }
        return new Text(file + " cannot be written: " + sentence(why), otherwise);
    }

    /** The exception's own words, or its reason for file-system errors (never a class name). */
    private static String reason(Throwable e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "an unexpected error" : m;
    }

    private static String sentence(String s) {
        return s.endsWith(".") ? s : s + ".";
    }
}
