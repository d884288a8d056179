package cn.campuspass.organization.poster;

/** The gate a verified entry link points at. */
public record GateRef(String school, long gateId) {}
