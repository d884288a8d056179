package cn.campuspass.visitor;

/** How a booking came about: the visitor asked (我发起的) or a teacher invited (被邀请的 / 我邀请的). */
public enum BookingKind {
    VISITOR_REQUEST,
    HOST_INVITATION
}
