package cn.campuspass.platform.metrics;

import cn.campuspass.platform.security.SchoolBindingFilter;
import io.micrometer.common.KeyValues;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * Adds a {@code school} tag to {@code http.server.requests}. The cardinality is the number of schools (thousands at
 * most), bounded because unknown codes are refused before binding; requests of no school are tagged {@code none}.
 */
@Component
class SchoolTaggedRequestConvention extends DefaultServerRequestObservationConvention {

    @Override
    public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
        Object school = context.getCarrier().getAttribute(SchoolBindingFilter.SCHOOL_ATTRIBUTE);
        return super.getLowCardinalityKeyValues(context).and("school", school == null ? "none" : school.toString());
    }
}
