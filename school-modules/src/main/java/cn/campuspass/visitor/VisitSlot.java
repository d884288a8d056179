package cn.campuspass.visitor;

import cn.campuspass.platform.time.SchoolTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * The three time slots of a visit day (V1.1 b: 早上、下午、晚上). The windows are the school-local times a visitor
 * pass opens and closes in; they meet without a gap so that any time of the school day belongs to one slot, and a
 * visitor booked for the morning and the afternoon is never shut out at noon.
 */
public enum VisitSlot {
    MORNING(LocalTime.of(8, 0), LocalTime.of(12, 0), "上午"),
    AFTERNOON(LocalTime.of(12, 0), LocalTime.of(18, 0), "下午"),
    EVENING(LocalTime.of(18, 0), LocalTime.of(22, 0), "晚上");

    private final LocalTime start;
    private final LocalTime end;
    private final String label;

    VisitSlot(LocalTime start, LocalTime end, String label) {
        this.start = start;
        this.end = end;
        this.label = label;
    }

    public LocalTime start() {
        return start;
    }

    public LocalTime end() {
        return end;
    }

    /** The Chinese name shown in messages (上午 / 下午 / 晚上). */
    public String label() {
        return label;
    }

    /** When the window of this slot on {@code date} opens (inclusive), in school time. */
    public Instant opensAt(LocalDate date) {
        return date.atTime(start).atZone(SchoolTime.ZONE).toInstant();
    }

    /** When the window of this slot on {@code date} closes (exclusive), in school time. */
    public Instant closesAt(LocalDate date) {
        return date.atTime(end).atZone(SchoolTime.ZONE).toInstant();
    }

    /** Whether {@code at} falls inside this slot's window on {@code date}. */
    public boolean contains(LocalDate date, Instant at) {
        return !at.isBefore(opensAt(date)) && at.isBefore(closesAt(date));
    }
}
