package cn.campuspass.organization.poster;

/** How a poster sits on its A4 sheet: 竖版 (portrait) or 横版 (landscape). */
public enum Orientation {
    PORTRAIT,
    LANDSCAPE
}
