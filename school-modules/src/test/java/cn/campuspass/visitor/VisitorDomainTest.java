package cn.campuspass.visitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.time.SchoolTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisitorDomainTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 2);
    private static final VisitorBooking.VisitorSnapshot ME =
            new VisitorBooking.VisitorSnapshot("王小明", "138****8000", "1101**********123X");

    private static Instant at(int hour, int minute) {
        return LocalDateTime.of(DAY, java.time.LocalTime.of(hour, minute))
                .atZone(SchoolTime.ZONE)
                .toInstant();
    }

    private static VisitorBooking.Details details() {
        return BookingRules.details(
                DAY, VisitSlot.MORNING, "交流", new BookingRules.Travel(Transport.WALK, null, 0, List.of()), true);
    }

    @Test
    void slotsCoverTheDayWithoutGapsInSchoolTime() {
        assertThat(VisitSlot.MORNING.contains(DAY, at(8, 0))).isTrue();
        assertThat(VisitSlot.MORNING.contains(DAY, at(7, 59))).isFalse();
        assertThat(VisitSlot.MORNING.contains(DAY, at(12, 0))).isFalse();
        assertThat(VisitSlot.AFTERNOON.contains(DAY, at(12, 0))).isTrue();
        assertThat(VisitSlot.EVENING.contains(DAY, at(21, 59))).isTrue();
        assertThat(VisitSlot.EVENING.contains(DAY, at(22, 0))).isFalse();
        assertThat(VisitSlot.MORNING.closesAt(DAY)).isEqualTo(VisitSlot.AFTERNOON.opensAt(DAY));
    }

    @Test
    void idCardNumbersNeedTheirCheckCharacterAndARealBirthday() {
        assertThat(IdCardNumber.parse("11010519491231002X"))
                .map(IdCardNumber::value)
                .contains("11010519491231002X");
        assertThat(IdCardNumber.parse(" 11010519491231002x ")).isPresent();
        assertThat(IdCardNumber.parse("１１０１０５１９４９１２３１００２Ｘ")).isPresent();
        assertThat(IdCardNumber.parse("110105194912310021")).isEmpty(); // wrong check character
        assertThat(IdCardNumber.parse("110105194913310028")).isEmpty(); // month 13
        assertThat(IdCardNumber.parse("11010519491231002")).isEmpty();
        assertThat(IdCardNumber.parse(null)).isEmpty();
        assertThat(IdCardNumber.parse("11010519491231002X").orElseThrow().masked())
                .isEqualTo("1101**********002X");
    }

    @Test
    void aSlotThatHasEndedOrADayTooFarAheadIsRefused() {
        BookingRules.checkWhen(DAY, VisitSlot.MORNING, at(11, 59), DAY);
        assertThatThrownBy(() -> BookingRules.checkWhen(DAY, VisitSlot.MORNING, at(12, 0), DAY))
                .isInstanceOf(ApiException.class)
                .hasMessage("BOOKING_DATE_INVALID");
        assertThatThrownBy(() -> BookingRules.checkWhen(DAY.minusDays(1), VisitSlot.EVENING, at(9, 0), DAY))
                .hasMessage("BOOKING_DATE_INVALID");
        BookingRules.checkWhen(DAY.plusDays(30), VisitSlot.EVENING, at(9, 0), DAY);
        assertThatThrownBy(() -> BookingRules.checkWhen(DAY.plusDays(31), VisitSlot.MORNING, at(9, 0), DAY))
                .hasMessage("BOOKING_DATE_INVALID");
    }

    @Test
    void aCarNeedsAValidPlateAndCompanionsMatchTheirCount() {
        assertThatThrownBy(() -> BookingRules.details(
                        DAY, VisitSlot.MORNING, "r", new BookingRules.Travel(Transport.CAR, null, 0, List.of()), true))
                .hasMessage("BOOKING_INVALID");
        VisitorBooking.Details car = BookingRules.details(
                DAY,
                VisitSlot.MORNING,
                "r",
                new BookingRules.Travel(Transport.CAR, "京a·12345", 1, List.of(new Companion("李四", null))),
                true);
        assertThat(car.plate()).isEqualTo("京A12345");
        assertThat(Companions.fromJson(car.companionsJson())).containsExactly(new Companion("李四", null));
        assertThatThrownBy(() -> BookingRules.details(
                        DAY,
                        VisitSlot.MORNING,
                        "r",
                        new BookingRules.Travel(
                                Transport.WALK, null, 1, List.of(new Companion("a", null), new Companion("b", null))),
                        true))
                .hasMessage("BOOKING_INVALID");
        assertThatThrownBy(() -> BookingRules.details(DAY, VisitSlot.MORNING, "r", null, true))
                .hasMessage("BOOKING_INVALID");
        // An invitation may leave the transport to the visitor.
        assertThat(BookingRules.details(DAY, VisitSlot.MORNING, "r", null, false)
                        .transport())
                .isNull();
        assertThatThrownBy(() -> BookingRules.checkReason("  ")).hasMessage("BOOKING_INVALID");
    }

    @Test
    void overlapIsAboutWindowsNotJustEqualSlots() {
        assertThat(BookingRules.overlaps(DAY, VisitSlot.MORNING, DAY, VisitSlot.MORNING))
                .isTrue();
        assertThat(BookingRules.overlaps(DAY, VisitSlot.MORNING, DAY, VisitSlot.AFTERNOON))
                .isFalse();
        assertThat(BookingRules.overlaps(DAY, VisitSlot.MORNING, DAY.plusDays(1), VisitSlot.MORNING))
                .isFalse();
    }

    @Test
    void aRequestIsApprovedOrRejectedOnceAndOnlyWithAReason() {
        VisitorBooking booking = VisitorBooking.request(1, ME, 7, "张老师", 3L, details(), at(7, 0));
        assertThat(booking.getStatus()).isEqualTo(BookingStatus.PENDING_APPROVAL);
        assertThat(booking.getStatus().holdsSlot()).isTrue();
        assertThat(booking.getPledgeAcceptedAt()).isEqualTo(at(7, 0));
        assertThatThrownBy(() -> booking.reject(7, " ", at(7, 1))).hasMessage("BOOKING_REJECT_REASON_REQUIRED");
        booking.approve(7, at(7, 2));
        assertThat(booking.getStatus()).isEqualTo(BookingStatus.APPROVED);
        assertThat(booking.getDecidedBy()).isEqualTo("registrant:7");
        assertThatThrownBy(() -> booking.reject(7, "no", at(7, 3))).hasMessage("BOOKING_STATE_CONFLICT");
        assertThatThrownBy(() -> booking.confirm(1, ME, null, at(7, 3))).hasMessage("BOOKING_STATE_CONFLICT");

        VisitorBooking other = VisitorBooking.request(1, ME, 7, "张老师", 3L, details(), at(7, 0));
        other.reject(7, " 当天不在校 ", at(7, 5));
        assertThat(other.getRejectReason()).isEqualTo("当天不在校");
        assertThat(other.getStatus().holdsSlot()).isFalse();
        assertThatThrownBy(() -> other.cancel("visitor:1", at(7, 6))).hasMessage("BOOKING_STATE_CONFLICT");
    }

    @Test
    void anInvitationTakesEffectOnlyWhenConfirmed() {
        VisitorBooking invitation = VisitorBooking.invitation(
                null,
                "idx",
                new VisitorBooking.VisitorSnapshot("王小明", "138****8000", null),
                7,
                "张老师",
                3L,
                BookingRules.details(DAY, VisitSlot.MORNING, "r", null, false),
                at(7, 0));
        assertThat(invitation.getStatus()).isEqualTo(BookingStatus.PENDING_CONFIRMATION);
        assertThat(invitation.getStatus().holdsSlot()).isFalse();
        assertThat(invitation.passOpenAt(at(9, 0))).isFalse();
        assertThatThrownBy(() -> invitation.approve(7, at(7, 1))).hasMessage("BOOKING_STATE_CONFLICT");
        invitation.confirm(1, ME, details(), at(7, 2));
        assertThat(invitation.getStatus()).isEqualTo(BookingStatus.APPROVED);
        assertThat(invitation.getVisitorId()).isEqualTo(1L);
        assertThat(invitation.getTransport()).isEqualTo(Transport.WALK);
        assertThat(invitation.getPledgeAcceptedAt()).isEqualTo(at(7, 2));
    }

    @Test
    void thePassOpensOnlyInsideTheWindowOfAnEffectiveBookingAndTheFirstPassMarksTheVisit() {
        VisitorBooking booking = VisitorBooking.request(1, ME, 7, "张老师", 3L, details(), at(7, 0));
        assertThat(booking.passOpenAt(at(9, 0))).isFalse(); // not approved yet
        booking.approve(7, at(7, 1));
        assertThat(booking.passOpenAt(at(7, 59))).isFalse();
        assertThat(booking.passOpenAt(at(9, 0))).isTrue();
        assertThat(booking.passOpenAt(at(12, 0))).isFalse();
        assertThat(booking.markVisited(5, at(9, 0))).isTrue();
        assertThat(booking.markVisited(6, at(9, 30))).isFalse();
        assertThat(booking.getVisitedGateId()).isEqualTo(5L);
        assertThat(booking.getStatus().holdsSlot()).isFalse();
        assertThat(booking.passOpenAt(at(11, 0))).isTrue(); // leaving again inside the window
        assertThatThrownBy(() -> booking.cancel("visitor:1", at(10, 0))).hasMessage("BOOKING_STATE_CONFLICT");
    }
}
