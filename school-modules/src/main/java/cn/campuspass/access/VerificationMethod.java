package cn.campuspass.access;

/** How a pass was verified (通过方式). */
public enum VerificationMethod {
    /** A gate guard's phone or PC (保安核验). */
    GUARD,
    /** A gate device with its own credential (闸机/核验终端). */
    DEVICE
}
