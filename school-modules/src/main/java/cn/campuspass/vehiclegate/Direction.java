package cn.campuspass.vehiclegate;

/** Whether the vehicle drives in or out through the gate. */
public enum Direction {
    IN,
    OUT
}
