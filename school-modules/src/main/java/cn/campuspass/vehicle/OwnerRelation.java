package cn.campuspass.vehicle;

import java.util.Arrays;
import java.util.Optional;

/** 备案人与车主的关系: how the registrant who registers a vehicle is related to its owner (车辆所有人). */
public enum OwnerRelation {
    SELF("本人"),
    SPOUSE("配偶"),
    PARENT("父母"),
    CHILD("子女"),
    RELATIVE("亲属"),
    FRIEND("朋友"),
    EMPLOYER("单位"),
    OTHER("其他");

    private final String label;

    OwnerRelation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** By its Chinese label or its name, as an import cell may hold either. */
    public static Optional<OwnerRelation> fromText(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        return Arrays.stream(values())
                .filter(r -> r.label.equals(t) || r.name().equalsIgnoreCase(t))
                .findFirst();
    }
}
