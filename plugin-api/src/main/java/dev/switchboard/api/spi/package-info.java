/**
 * Service-provider interfaces found by {@link java.util.ServiceLoader} in plugin JARs and on the
 * host class path: {@link dev.switchboard.api.spi.HandlerFactory} and
 * {@link dev.switchboard.api.spi.FilterFactory}.
 *
 * @since 0.1
 */
package dev.switchboard.api.spi;
