package cn.campuspass.platform.school;

/** Reads the current settings of a school (cached); implemented by the operator module. */
public interface SchoolSettingsProvider {

    SchoolSettings settingsOf(SchoolCode code);
}
