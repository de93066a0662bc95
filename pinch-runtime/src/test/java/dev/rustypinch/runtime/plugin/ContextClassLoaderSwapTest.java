package dev.rustypinch.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // a ContextClassLoaderSwap works by existing; its body never uses it
class ContextClassLoaderSwapTest {
    private final ClassLoader outer = new ClassLoader("outer", null) {
    };
    private final ClassLoader inner = new ClassLoader("inner", null) {
    };
    private ClassLoader saved;

    @BeforeEach
    void setOuter() {
        saved = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(outer);
    }

    @AfterEach
    void restore() {
        Thread.currentThread().setContextClassLoader(saved);
    }

    @Test
    void loaderIsSetInsideTheBlockAndRestoredAfter() {
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(inner)) {
            assertSame(inner, Thread.currentThread().getContextClassLoader());
        }
        assertSame(outer, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void loaderIsRestoredWhenTheBlockThrows() {
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(inner)) {
            throw new IllegalStateException("plugin failed");
        } catch (IllegalStateException expected) {
            assertSame(outer, Thread.currentThread().getContextClassLoader());
        }
    }

    @Test
    void nestedSwapsRestoreInOrder() {
        try (ContextClassLoaderSwap first = ContextClassLoaderSwap.use(inner)) {
            try (ContextClassLoaderSwap second = ContextClassLoaderSwap.use(outer)) {
                assertSame(outer, Thread.currentThread().getContextClassLoader());
            }
            assertSame(inner, Thread.currentThread().getContextClassLoader());
        }
        assertSame(outer, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void closingTwiceRestoresOnce() {
        ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(inner);
        swap.close();
        Thread.currentThread().setContextClassLoader(inner);

        swap.close();

        assertSame(inner, Thread.currentThread().getContextClassLoader());
    }
}
