package cn.campuspass.access;

import java.util.List;

/** One campus and its gates, each marked with whether a registrant may pass it (A4.2 f, R4.4). */
public record CampusAccess(long id, String name, boolean enabled, List<GateAccess> gates) {

    public record GateAccess(long id, String name, boolean enabled, boolean allowed) {}
}
