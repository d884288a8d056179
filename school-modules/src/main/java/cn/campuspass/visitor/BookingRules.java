package cn.campuspass.visitor;

import cn.campuspass.platform.error.ApiError.FieldProblem;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.vehicle.PlateNumber;
import cn.campuspass.vehicle.VehicleType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a booking's own fields, free of the database (plain-JUnit tested): a slot that has not ended and at
 * most {@link #MAX_DAYS_AHEAD} days ahead, a reason, a plate when coming by car, and companions that match their
 * count. The one-per-slot / three-a-day rule is the database's (V19), the host's authorization the service's.
 */
final class BookingRules {

    static final int MAX_DAYS_AHEAD = 30;
    static final int MAX_REASON = 200;
    static final int MAX_COMPANIONS = 20;
    static final int MAX_NAME = 50;

    private BookingRules() {}

    /** A booking's travel details as typed; any part may be missing for an invitation. */
    record Travel(Transport transport, String plate, Integer companionCount, List<Companion> companions) {}

    /** The date and slot can still be visited: the slot's window has not closed and the day is not too far. */
    static void checkWhen(LocalDate date, VisitSlot slot, Instant now, LocalDate today) {
        if (date == null || slot == null) {
            throw ApiException.withFields(
                    VisitorError.BOOKING_INVALID,
                    List.of(new FieldProblem(date == null ? "date" : "slot", "请选择日期和时段")));
        }
        if (!now.isBefore(slot.closesAt(date)) || date.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
            throw new ApiException(VisitorError.BOOKING_DATE_INVALID, MAX_DAYS_AHEAD);
        }
    }

    static String checkReason(String reason) {
        String r = reason == null ? "" : reason.strip();
        if (r.isEmpty() || r.length() > MAX_REASON) {
            throw ApiException.withFields(
                    VisitorError.BOOKING_INVALID, List.of(new FieldProblem("reason", "请填写事由（最多200字）")));
        }
        return r;
    }

    /**
     * Checks the travel details and gives them in stored form. {@code required}: a visitor's own booking names the
     * transport; an invitation may leave it to the visitor.
     */
    static VisitorBooking.Details details(
            LocalDate date, VisitSlot slot, String reason, Travel travel, boolean required) {
        List<FieldProblem> problems = new ArrayList<>();
        Transport transport = travel == null ? null : travel.transport();
        if (transport == null && required) {
            problems.add(new FieldProblem("transport", "请选择交通工具"));
        }
        String plate = null;
        if (transport != null && transport.needsPlate()) {
            plate = plate(travel.plate(), "plate", problems);
        }
        List<Companion> companions = travel == null || travel.companions() == null ? List.of() : travel.companions();
        int count = travel == null || travel.companionCount() == null ? companions.size() : travel.companionCount();
        if (count < 0 || count > MAX_COMPANIONS) {
            problems.add(new FieldProblem("companionCount", "随行人数为0至" + MAX_COMPANIONS + "人"));
        } else if (companions.size() > count) {
            problems.add(new FieldProblem("companions", "随行人员多于随行人数"));
        }
        List<Companion> stored = new ArrayList<>();
        for (int i = 0; i < companions.size() && i <= MAX_COMPANIONS; i++) {
            Companion c = companions.get(i);
            String name = c == null || c.name() == null ? "" : c.name().strip();
            if (name.isEmpty() || name.length() > MAX_NAME) {
                problems.add(new FieldProblem("companions[" + i + "].name", "请填写随行人员姓名"));
                continue;
            }
            String companionPlate = c.plate() == null || c.plate().isBlank()
                    ? null
                    : plate(c.plate(), "companions[" + i + "].plate", problems);
            stored.add(new Companion(name, companionPlate));
        }
        if (!problems.isEmpty()) {
            throw ApiException.withFields(VisitorError.BOOKING_INVALID, problems);
        }
        return new VisitorBooking.Details(
                date, slot, reason, transport, plate, Math.max(count, 0), Companions.toJson(stored));
    }

    private static String plate(String typed, String field, List<FieldProblem> problems) {
        if (typed == null || typed.isBlank()) {
            problems.add(new FieldProblem(field, "驾车来访请填写号牌号码"));
            return null;
        }
        return PlateNumber.parse(typed, VehicleType.MOTOR)
                .map(PlateNumber::value)
                .orElseGet(() -> {
                    problems.add(new FieldProblem(field, "号牌号码格式不正确"));
                    return null;
                });
    }

    /** Whether two bookings' windows overlap (the overlap warning of V1.1 c and R4.3 d). */
    static boolean overlaps(LocalDate dateA, VisitSlot slotA, LocalDate dateB, VisitSlot slotB) {
        return slotA.opensAt(dateA).isBefore(slotB.closesAt(dateB))
                && slotB.opensAt(dateB).isBefore(slotA.closesAt(dateA));
    }
}
