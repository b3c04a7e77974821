package dev.switchboard.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens, on a connection of its own, for the notifications a commit sends when deliveries of a
 * handler become due ({@code NOTIFY switchboard_due, 'HANDLER'}), so that an idle runtime wakes at
 * once instead of at its next poll. A lost connection is opened again every second; meanwhile, and
 * right after, the queues look at the database as if told of every handler.
 */
final class PostgresListener implements AutoCloseable {

    static final String CHANNEL = "switchboard_due";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresListener.class);
    private static final int WAIT_MILLIS = 250;
    private static final long RECONNECT_MILLIS = 1_000;

    private final Callable<Connection> connect;
    private final Consumer<String> due;
    private final Runnable missed;
    private final Thread thread;
    private volatile boolean stopped;
    private Connection connection;

    /**
     * @param connect opens the connection to listen on
     * @param due told the handler named by each notification
     * @param missed told when notifications may have been missed (the connection was lost)
     */
    PostgresListener(Callable<Connection> connect, Consumer<String> due, Runnable missed) {
        this.connect = connect;
        this.due = due;
        this.missed = missed;
        this.thread = new Thread(this::run, "switchboard-store-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        boolean warned = false;
        while (!stopped) {
            try {
                if (connection == null) {
                    connection = connect.call();
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("LISTEN " + CHANNEL);
                    }
                    if (warned) {
                        LOG.info("listening for new deliveries again");
                        warned = false;
                    }
                    missed.run();
                }
                PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS);
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        due.accept(notification.getParameter());
                    }
                }
            } catch (Exception e) {
                closeConnection();
                if (stopped) {
                    return;
                }
                if (!warned) {
                    LOG.warn("lost the connection that listens for new deliveries ({}); polling until it is back",
                            e.getMessage());
                    warned = true;
                }
                missed.run();
                try {
                    Thread.sleep(RECONNECT_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
        closeConnection();
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Lost already.
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
