package cn.campuspass.violation;

/** Whom a ticket is for (罚单对象): a registrant (备案人) or a visitor (访客). */
public enum TicketTarget {
    REGISTRANT,
    VISITOR
}
