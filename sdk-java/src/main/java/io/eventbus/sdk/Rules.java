package io.eventbus.sdk;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of one bus ({@code /v1/buses/{bus}/rules}): put (create or replace), get, list, delete. Obtained from
 * {@link Admin#rules(String)}; thread-safe.
 *
 * <p>A put without an ETag creates the rule or replaces it, whatever it was (the last write wins). To replace only
 * what you read, pass its {@link Rule#etag()} as {@code ifMatch}: a rule changed since then is refused with status
 * 412, code {@code PreconditionFailed}, and a rule that does not exist with 412 too.
 */
public final class Rules {

    /** The largest page {@link #list(String, int)} asks for. */
    public static final int MAX_PAGE = 1000;

    private final AdminHttp http;
    private final String bus;

    Rules(AdminHttp http, String bus) {
        this.http = http;
        this.bus = Transport.segment(bus);
    }

    /**
     * Creates or replaces rule {@code name}. The answer holds its {@link Rule#warnings()}, and a signing secret the
     * request had generated ({@code rule.target(id).webhook().signingSecret()}), shown this once.
     */
    public Rule put(String name, RuleRequest rule) {
        return put(name, rule, null);
    }

    /** {@link #put(String, RuleRequest)} only if the rule exists with ETag {@code ifMatch} (null: no condition). */
    public Rule put(String name, RuleRequest rule, String ifMatch) {
        Transport.Answer<Rule> answer = http.call("PUT", path(name), rule.body(), ifMatch, Rule.class);
        return answer.body().withEtag(answer.etag());
    }

    /** Rule {@code name}, with its warnings now; 404 {@code NotFound} when there is none. */
    public Rule get(String name) {
        Transport.Answer<Rule> answer = http.call("GET", path(name), null, null, Rule.class);
        return answer.body().withEtag(answer.etag());
    }

    /** Every rule of the bus, by name: the pages, followed to the end. */
    public List<Rule> list() {
        List<Rule> all = new ArrayList<>();
        String after = null;
        do {
            RulePage page = list(after, MAX_PAGE);
            all.addAll(page.rules());
            after = page.nextToken();
        } while (after != null);
        return List.copyOf(all);
    }

    /** The page of at most {@code limit} (1 to {@value #MAX_PAGE}) rules after {@code nextToken} (null: the first). */
    public RulePage list(String nextToken, int limit) {
        String query = "?limit=" + limit + (nextToken == null ? "" : "&" + AdminHttp.query("after", nextToken)
                .substring(1));
        return http.get("/v1/buses/" + bus + "/rules" + query, RulePage.class);
    }

    /** Deletes rule {@code name}; 404 {@code NotFound} when there is none. */
    public void delete(String name) {
        http.delete(path(name), null);
    }

    /** {@link #delete(String)} only if the rule still has ETag {@code ifMatch}. */
    public void delete(String name, String ifMatch) {
        http.delete(path(name), ifMatch);
    }

    private String path(String name) {
        return "/v1/buses/" + bus + "/rules/" + Transport.segment(name);
    }
}
