package cn.campuspass.violation;

/** The three proof photos of a ticket (证明图片): the vehicle's front, side and back. */
public enum PhotoPosition {
    FRONT,
    SIDE,
    BACK
}
