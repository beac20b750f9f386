package dev.capscope.app;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UncaughtErrorsTest {
    @Test
    void anUncaughtExceptionIsLoggedWithItsThread() throws InterruptedException {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Logger log = Logger.getLogger("dev.capscope.app.uncaught");
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public synchronized void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try {
            UncaughtErrors.install();
            Thread t = new Thread(() -> {
                throw new IllegalStateException("boom");
            }, "worker-7");
            t.start();
            t.join(); // the handler runs on the dying thread before join returns
            synchronized (capture) {
                assertEquals(1, records.size());
                LogRecord r = records.get(0);
                assertEquals(Level.SEVERE, r.getLevel());
                assertTrue(r.getMessage().contains("'worker-7'"), r.getMessage());
                assertEquals("boom", r.getThrown().getMessage());
            }
        } finally {
            log.removeHandler(capture);
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }
}
