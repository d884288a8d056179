package cn.campuspass.vehiclegate;

/** Why a plate event was denied; the barrier shows the label, the console filters on the name. */
public enum PlateDenial {
    /** The camera was not sure enough of the plate: denied rather than guessed (the guard looks). */
    LOW_CONFIDENCE("识别置信度不足"),
    /** The gate is not a vehicle gate. */
    NOT_VEHICLE_GATE("非车辆通行门岗"),
    /** No vehicle of the school has this plate. */
    UNREGISTERED("车辆未备案"),
    PENDING("备案待审核"),
    REJECTED("备案已驳回"),
    /** An approved e-bike past its validity. */
    EXPIRED("备案已过期"),
    /** The vehicle (or its registrant) is disabled. */
    DISABLED("车辆已停用"),
    /** The vehicle's registrant may not pass this gate. */
    NO_GATE_ACCESS("无此门岗通行权限");

    private final String label;

    PlateDenial(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
