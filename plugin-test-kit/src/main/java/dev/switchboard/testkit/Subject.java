package dev.switchboard.testkit;

import dev.switchboard.api.ConfigKey;
import dev.switchboard.api.EventFilter;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.api.spi.FilterFactory;
import dev.switchboard.api.spi.HandlerFactory;
import java.util.List;

/** What the conformance rules check: a handler factory or a filter factory, seen alike. */
interface Subject {

    String type();

    List<ConfigKey> configKeys();

    /** @return the handler or filter */
    Object create(HandlerContext context);

    /** Hands it one event, as the runtime does per attempt. */
    void use(Object created, WorkflowEvent event) throws Exception;

    /** Closes it; a filter has nothing to close. */
    void close(Object created) throws Exception;

    /** @return whether the plugin's services file lists this factory as a HandlerFactory */
    boolean isHandler();

    static Subject of(HandlerFactory factory) {
        return new Subject() {
            public String type() {
                return factory.type();
            }

            public List<ConfigKey> configKeys() {
                return factory.configKeys();
            }

            public Object create(HandlerContext context) {
                return factory.create(context);
            }

            public void use(Object created, WorkflowEvent event) throws Exception {
                ((EventHandler) created).handle(event);
            }

            public void close(Object created) throws Exception {
                ((EventHandler) created).close();
            }

            public boolean isHandler() {
                return true;
            }
        };
    }

    static Subject of(FilterFactory factory) {
        return new Subject() {
            public String type() {
                return factory.type();
            }

            public List<ConfigKey> configKeys() {
                return factory.configKeys();
            }

            public Object create(HandlerContext context) {
                return factory.create(context);
            }

            public void use(Object created, WorkflowEvent event) {
                ((EventFilter) created).apply(event);
            }

            public void close(Object created) {
                // EventFilter has no close.
            }

            public boolean isHandler() {
                return false;
            }
        };
    }
}
