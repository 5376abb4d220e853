package io.eventbus.sdk;

import java.util.List;

/**
 * Archives ({@code /v1/archives}): each keeps the events of one bus that match its pattern (every event without
 * one), so that {@link Replays} can send them through the bus's rules again. Obtained from {@link Admin#archives()};
 * thread-safe.
 *
 * <p>An archive starts keeping events a moment after it is created (when the data plane has rebuilt its bus), and
 * keeps only events put from then on. Writes without an ETag replace what is there; with {@code ifMatch} (an
 * {@link ArchiveInfo#etag()}) they fail with 412 {@code PreconditionFailed} when the archive changed since it was
 * read.
 */
public final class Archives {

    private record ArchiveList(List<ArchiveInfo> archives) {
    }

    private final AdminHttp http;

    Archives(AdminHttp http) {
        this.http = http;
    }

    /** Creates archive {@code name} of every event of {@code bus}, kept forever. */
    public ArchiveInfo create(String name, String bus) {
        return create(name, bus, null, null, null);
    }

    /**
     * Creates archive {@code name} of the events of {@code bus} that match {@code eventPattern}. Fails with 404
     * {@code NotFound} when the bus does not exist, 409 {@code Conflict} when the name is taken, 400
     * {@code InvalidEventPattern} for a pattern a rule could not have either.
     *
     * @param description   null: none
     * @param eventPattern  null: every event of the bus
     * @param retentionDays days an event is kept, 0 to 36500; null or 0: forever
     */
    public ArchiveInfo create(String name, String bus, String description, EventPattern eventPattern,
                              Integer retentionDays) {
        Object body = AdminHttp.body("name", name, "bus", bus,
                "description", description, "eventPattern", eventPattern == null ? null : eventPattern.json(),
                "retentionDays", retentionDays);
        Transport.Answer<ArchiveInfo> answer = http.call("POST", "/v1/archives", body, null, ArchiveInfo.class);
        return answer.body().withEtag(answer.etag());
    }

    /** Every archive, by name. */
    public List<ArchiveInfo> list() {
        return list(null);
    }

    /** The archives of {@code bus} (null: of every bus), by name. */
    public List<ArchiveInfo> list(String bus) {
        return List.copyOf(http.get("/v1/archives" + AdminHttp.query("bus", bus), ArchiveList.class).archives());
    }

    /** Archive {@code name}, with what it holds now; 404 {@code NotFound} when there is none. */
    public ArchiveInfo get(String name) {
        Transport.Answer<ArchiveInfo> answer = http.call("GET", path(name), null, null, ArchiveInfo.class);
        return answer.body().withEtag(answer.etag());
    }

    /**
     * Replaces the description, pattern and retention of archive {@code name} (a null one takes its default: none,
     * every event, forever). Its bus cannot change.
     */
    public ArchiveInfo update(String name, String description, EventPattern eventPattern, Integer retentionDays) {
        return update(name, description, eventPattern, retentionDays, null);
    }

    /** {@link #update(String, String, EventPattern, Integer)} only if the archive still has ETag {@code ifMatch}. */
    public ArchiveInfo update(String name, String description, EventPattern eventPattern, Integer retentionDays,
                              String ifMatch) {
        Object body = AdminHttp.body("description", description,
                "eventPattern", eventPattern == null ? null : eventPattern.json(), "retentionDays", retentionDays);
        Transport.Answer<ArchiveInfo> answer = http.call("PUT", path(name), body, ifMatch, ArchiveInfo.class);
        return answer.body().withEtag(answer.etag());
    }

    /**
     * Deletes archive {@code name} and the events it holds; its replays are kept. 409 {@code Conflict} while a replay
     * of it is under way (starting, running or cancelling).
     */
    public void delete(String name) {
        http.delete(path(name), null);
    }

    /** {@link #delete(String)} only if the archive still has ETag {@code ifMatch}. */
    public void delete(String name, String ifMatch) {
        http.delete(path(name), ifMatch);
    }

    private static String path(String name) {
        return "/v1/archives/" + Transport.segment(name);
    }
}
