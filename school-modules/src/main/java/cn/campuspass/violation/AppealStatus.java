package cn.campuspass.violation;

/** 待审核, 通过 (the ticket is revoked) or 驳回 (with a reason). */
public enum AppealStatus {
    PENDING,
    APPROVED,
    REJECTED
}
