package dev.switchboard.core.config;

import static dev.switchboard.core.config.Configs.errors;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventListTest {

    private static String handler(String events) {
        return "handlers:\n  - name: audit\n    type: webhook\n    events: " + events + "\n";
    }

    @Test
    void aNumberIsNotAnEventType() {
        assertThat(errors(handler("42"))).containsExactly("handlers.yaml:4:13: handler 'audit': events:"
                + " bad event type '42': an event type is text, e.g. workflow_complete (quote it if you mean the text)");
    }

    @Test
    void aNumberBooleanOrNullInsideTheListIsRefusedAtTheItem() {
        assertThat(errors(handler("[error, 7, yes, ~]"))).containsExactly(
                "handlers.yaml:4:21: handler 'audit': events: bad event type '7': an event type is text,"
                        + " e.g. workflow_complete (quote it if you mean the text)",
                "handlers.yaml:4:24: handler 'audit': events: bad event type 'yes': an event type is text,"
                        + " e.g. workflow_complete (quote it if you mean the text)",
                "handlers.yaml:4:29: handler 'audit': events: each item must be a single value, not empty");
    }

    @Test
    void aLongBadValueIsCutInTheMessage() {
        assertThat(errors(handler("[\"wor*" + "k".repeat(500) + "\"]"))).containsExactly("handlers.yaml:4:14:"
                + " handler 'audit': events: bad pattern 'wor*" + "k".repeat(56) + "…' (504 characters): write an exact"
                + " event type, a prefix ending in * (e.g. workflow_*), or *");
    }

    @Test
    void aMapIsRefused() {
        assertThat(errors(handler("{error: true}")))
                .containsExactly("handlers.yaml:4:13: handler 'audit': events: must be a list, not a map");
    }

    @Test
    void anEmptyValueIsRefusedWhereItStands() {
        assertThat(errors(handler("~")))
                .containsExactly("handlers.yaml:4:13: handler 'audit': events: must list at least one event type,"
                        + " not nothing");
    }

    @Test
    void aQuotedNumberIsText() throws ConfigProblem {
        assertThat(Configs.parse(handler("[\"42\"]")).handlers().get(0).events()).containsExactly("42");
    }

    @Test
    void aSingleEventTypeIsAOneItemList() throws ConfigProblem {
        assertThat(Configs.parse(handler("error")).handlers().get(0).events()).containsExactly("error");
    }

    @Test
    void aFileWithOnlyCommentsSaysWhatAMinimalFileLooksLike() {
        String minimal = "handlers.yaml:1:1: the file holds no configuration (only comments or nothing);"
                + " a minimal handlers.yaml is: handlers: [{name: console, type: console, events: [\"*\"]}]";
        assertThat(errors("# nothing here yet\n\n   # really\n")).containsExactly(minimal);
        assertThat(errors("")).containsExactly(minimal);
        assertThat(errors("---\n~\n")).containsExactly(minimal);
    }
}
