package cn.campuspass.platform.school;

import java.util.List;

/**
 * The schools that serve now (active, schema usable), for background workers of feature modules that must visit
 * every school (the notification dispatcher). Implemented by the operator module from the registry; the feature
 * modules cannot read the registry themselves.
 */
public interface ServingSchools {

    /** Codes of the schools in service, in a stable order. */
    List<SchoolCode> serving();
}
