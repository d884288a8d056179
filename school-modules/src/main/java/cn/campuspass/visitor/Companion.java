package cn.campuspass.visitor;

/** One person coming with the visitor (随行人员): a name, and a plate when they drive their own car. */
public record Companion(String name, String plate) {}
