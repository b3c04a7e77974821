/**
 * Where plugins are loaded: the {@link dev.switchboard.core.plugin.PluginCatalog} finds the
 * handler and filter factories of the host class path and of the plugin JARs in the plugins
 * folder.
 *
 * <p>PF4J manages the JARs ({@code PluginJarManager}: descriptors, {@code Plugin-Requires},
 * lifecycle), each in its own {@code PluginJarClassLoader} that takes the SPI and SLF4J from the
 * host; {@code ProviderScanner} finds each JAR's {@code META-INF/services} providers with
 * {@link java.util.ServiceLoader}, guarding each provider on its own; failures become
 * {@link dev.switchboard.core.plugin.PluginFailure}s, and a type that two factories provide a
 * {@link dev.switchboard.core.plugin.TypeConflict}, which the runtime refuses to start with. Plugin code runs with the plugin's class
 * loader as the thread context class loader
 * ({@link dev.switchboard.core.plugin.ContextClassLoaders}).
 */
package dev.switchboard.core.plugin;
