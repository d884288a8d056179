package cn.campuspass.vehicle;

/** 车辆类型: a motor vehicle (机动车) or an e-bike (电动自行车, 非机动车). */
public enum VehicleType {
    MOTOR("机动车"),
    EBIKE("电动自行车");

    private final String label;

    VehicleType(String label) {
        this.label = label;
    }

    /** The Chinese name used in templates and exports. */
    public String label() {
        return label;
    }
}
