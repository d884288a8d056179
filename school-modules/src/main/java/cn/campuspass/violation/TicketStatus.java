package cn.campuspass.violation;

/** 生效 or 撤销 (A5.2; the registrant's 我的罚单 filters by these). */
public enum TicketStatus {
    EFFECTIVE,
    REVOKED
}
