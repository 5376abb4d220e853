package io.eventbus.sdk;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.awaitility.Awaitility;

/**
 * Waits until the data plane matches a bus's events against its new rules: a rule put through the admin API reaches
 * the data plane's rule set by a notification, so an event put right after it may still meet the old rules. The
 * server's {@code eventbus_match_rules{bus="..."}} gauge says how many rules it matches with.
 */
final class MatchingRules {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private MatchingRules() {
    }

    static void await(RunningEventbus server, String bus, int rules) {
        String line = "eventbus_match_rules{bus=\"" + bus + "\"} " + rules + ".0";
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> metrics(server).lines().anyMatch(line::equals));
    }

    private static String metrics(RunningEventbus server) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(server.endpoint().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
