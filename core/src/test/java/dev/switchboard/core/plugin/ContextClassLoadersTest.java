package dev.switchboard.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContextClassLoadersTest {

    private final Thread thread = Thread.currentThread();
    private final ClassLoader original = thread.getContextClassLoader();
    private URLClassLoader plugin;

    @BeforeEach
    void createLoader() {
        plugin = new URLClassLoader("plugin", new URL[0], original);
    }

    @AfterEach
    void restore() throws IOException {
        thread.setContextClassLoader(original);
        plugin.close();
    }

    @Test
    void callWithRunsTheWorkWithTheLoaderAndRestoresThePreviousOne() {
        ClassLoader seen = ContextClassLoaders.callWith(plugin, thread::getContextClassLoader);

        assertThat(seen).isSameAs(plugin);
        assertThat(thread.getContextClassLoader()).isSameAs(original);
    }

    @Test
    void runWithRestoresThePreviousLoaderWhenTheWorkThrows() {
        assertThatThrownBy(() -> ContextClassLoaders.runWith(plugin, () -> {
            throw new IOException("delivery failed");
        })).isInstanceOf(IOException.class).hasMessage("delivery failed");

        assertThat(thread.getContextClassLoader()).isSameAs(original);
    }

    @Test
    void nestedSwapsRestoreEachLevel() {
        ClassLoader inner = new ClassLoader("inner", original) { };

        ClassLoader[] seen = ContextClassLoaders.callWith(plugin, () -> new ClassLoader[] {
            ContextClassLoaders.callWith(inner, thread::getContextClassLoader),
            thread.getContextClassLoader()});

        assertThat(seen).containsExactly(inner, plugin);
        assertThat(thread.getContextClassLoader()).isSameAs(original);
    }
}
