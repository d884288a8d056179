package cn.campuspass.registrant;

import java.util.Collection;
import java.util.Map;

/**
 * How many vehicles registrants have (机动车数量, 电动自行车数量 in the registrant list, A4.2). The vehicle module
 * implements it: registrants must not depend on vehicles, whose module already depends on registrants.
 */
public interface RegistrantVehicleCounts {

    /** Registered (approved, not deleted) vehicles of each given registrant; registrants without any may be absent. */
    Map<Long, Counts> countsOf(Collection<Long> registrantIds);

    record Counts(int motor, int ebike) {
        public static final Counts NONE = new Counts(0, 0);
    }
}
