package cn.campuspass.access;

import cn.campuspass.platform.school.Identity;

/** A registrant at a gate as a pass decision sees them: the person, the gate, and whether a rule lets them pass. */
record PassSubject(
        long registrantId,
        String name,
        Identity identity,
        Long identityTypeId,
        String number,
        String phoneMasked,
        Long departmentId,
        String departmentName,
        Long managedDepartmentId,
        boolean registrantEnabled,
        long gateId,
        String gateName,
        boolean gateEnabled,
        long campusId,
        String campusName,
        boolean campusEnabled,
        boolean allowed) {

    /** Why this person may not pass this gate now, or null when they may. */
    AccessDenial denial() {
        if (!registrantEnabled) {
            return AccessDenial.REGISTRANT_DISABLED;
        }
        if (!gateEnabled || !campusEnabled) {
            return AccessDenial.GATE_DISABLED;
        }
        if (!allowed) {
            return AccessDenial.NO_ACCESS;
        }
        return null;
    }

    IssuedPass.PersonView person() {
        return new IssuedPass.PersonView(registrantId, name, identity, number, departmentName);
    }

    IssuedPass.GateView gate() {
        return new IssuedPass.GateView(gateId, gateName, campusName);
    }
}
