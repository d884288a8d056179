package cn.campuspass.vehicle;

/** 备案状态 of a vehicle: submitted and waiting for review, approved, or rejected with a reason. */
public enum RegistrationStatus {
    PENDING("待审核"),
    APPROVED("已通过"),
    REJECTED("已驳回");

    private final String label;

    RegistrationStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
