package cn.campuspass.tenant.user;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read side of the users API: the mirror's list and single users, each in a read-only transaction. */
@Service
public class StaffUserQueries {

    private final StaffUserMirror mirror;

    StaffUserQueries(StaffUserMirror mirror) {
        this.mirror = mirror;
    }

    @Transactional(readOnly = true)
    public StaffUserMirror.Page list(StaffUserMirror.Filter filter, int page, int size) {
        return mirror.list(filter, page, size);
    }

    @Transactional(readOnly = true)
    public StaffUserMirror.User get(String id) {
        return mirror.get(id);
    }

    /** The signed-in user's position and departments for the profile page (A7), empty if not in the mirror. */
    @Transactional(readOnly = true)
    public java.util.Optional<StaffUserMirror.User> find(String id) {
        return mirror.find(id);
    }
}
