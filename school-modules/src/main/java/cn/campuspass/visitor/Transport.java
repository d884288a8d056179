package cn.campuspass.visitor;

/** How the visitor comes (交通工具). A car needs its plate (号牌号码), which the gate's plate camera reads. */
public enum Transport {
    WALK,
    CAR,
    EBIKE,
    PUBLIC_TRANSPORT,
    TAXI,
    OTHER;

    /** Whether a plate is asked for. */
    public boolean needsPlate() {
        return this == CAR;
    }
}
