package dev.capscope.app.ui.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the window headless (Monocle, software rendering, TestFX's glass robot) unless the test
 * run says otherwise: each property is set only when it is not set already, before the JavaFX
 * toolkit starts. {@code -Dcapscope.testkit.headless=false} shows real windows instead (needs
 * a display).
 */
public final class HeadlessFx implements BeforeAllCallback {
    static {
        configure();
    }

    /** Sets the headless properties (idempotent); call before anything starts JavaFX. */
    public static void configure() {
        if ("false".equals(System.getProperty("capscope.testkit.headless"))) {
            return;
        }
        setIfAbsent("testfx.robot", "glass");
        setIfAbsent("testfx.headless", "true");
        setIfAbsent("prism.order", "sw");
        setIfAbsent("glass.platform", "Monocle");
        setIfAbsent("monocle.platform", "Headless");
        setIfAbsent("java.awt.headless", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        configure();
    }
}
