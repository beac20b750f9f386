package dev.capscope.app.ui.testing;

import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JUnit 5 class that scripts the Capscope window: headless by default ({@link HeadlessFx}),
 * then TestFX's {@link ApplicationExtension} ({@code @Start} builds the window, test methods get
 * an {@code FxRobot}). See docs/testing-ui.md.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({HeadlessFx.class, ApplicationExtension.class})
public @interface CapscopeUiTest {
}
