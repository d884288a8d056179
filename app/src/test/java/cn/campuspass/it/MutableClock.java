package cn.campuspass.it;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The application's clock in the integration tests: the system clock until a test sets a time, then that time
 * until the test resets it. One bean for the shared Spring context; tests that set it reset it afterwards.
 */
public class MutableClock extends Clock {

    private final ZoneId zone;
    private volatile Instant fixed;

    public MutableClock(ZoneId zone) {
        this.zone = zone;
    }

    public void set(Instant instant) {
        fixed = instant;
    }

    public void reset() {
        fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        MutableClock view = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return view.withZone(other);
            }

            @Override
            public Instant instant() {
                return view.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at != null ? at : Instant.now();
    }
}
