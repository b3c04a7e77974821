package dev.switchboard.testkit;

import dev.switchboard.api.spi.FilterFactory;

/**
 * {@link HandlerFactoryConformance}'s rules for a {@link FilterFactory}: the filter is used with
 * {@code apply} instead of {@code handle}, and has nothing to close.
 */
public abstract class FilterFactoryConformance extends FactoryConformance {

    /** @return a new instance of the factory under test */
    protected abstract FilterFactory factory();

    @Override
    final Subject subject() {
        return Subject.of(factory());
    }
}
