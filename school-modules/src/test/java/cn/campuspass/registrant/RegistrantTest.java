package cn.campuspass.registrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.Identity;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

class RegistrantTest {

    @Test
    void onlyTeachersHoldVisitorAuthorization() {
        Registrant student = person(Identity.STUDENT);
        assertThatThrownBy(student::authorizeVisitors)
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(RegistrantError.VISITOR_AUTHORIZATION_TEACHERS_ONLY));
        assertThatThrownBy(student::revokeVisitorAuthorization).isInstanceOf(ApiException.class);

        Registrant teacher = person(Identity.TEACHER);
        teacher.authorizeVisitors();
        assertThat(teacher.isVisitorAuthorized()).isTrue();
        teacher.revokeVisitorAuthorization();
        assertThat(teacher.isVisitorAuthorized()).isFalse();
    }

    @Test
    void aTeacherWhoBecomesSomethingElseLosesVisitorAuthorization() {
        Registrant teacher = person(Identity.TEACHER);
        teacher.authorizeVisitors();
        teacher.update("张三", Identity.TEACHER, null, "T2", 1L, null);
        assertThat(teacher.isVisitorAuthorized()).isTrue();
        teacher.update("张三", Identity.RESIDENT, null, "T2", 1L, null);
        assertThat(teacher.isVisitorAuthorized()).isFalse();
    }

    @Test
    void unbindingAnswersTheOpenidOnce() throws Exception {
        Registrant r = person(Identity.STUDENT);
        assertThat(r.unbindWeChat()).isEmpty();
        bind(r, "openid-1");
        assertThat(r.isRegistered()).isTrue();
        assertThat(r.unbindWeChat()).contains("openid-1");
        assertThat(r.isRegistered()).isFalse();
        assertThat(r.unbindWeChat()).isEmpty();
    }

    @Test
    void disablingUnbindsWeChatAndEnablingDoesNotRebind() throws Exception {
        Registrant r = person(Identity.STUDENT);
        bind(r, "openid-2");
        assertThat(r.disable()).contains("openid-2");
        assertThat(r.isEnabled()).isFalse();
        assertThat(r.getWechatOpenid()).isNull();
        assertThat(r.disable()).isEmpty();
        r.enable();
        assertThat(r.isEnabled()).isTrue();
        assertThat(r.isRegistered()).isFalse();
    }

    private static Registrant person(Identity identity) {
        return new Registrant("张三", identity, null, "T1", "v1:x", "idx", "138****5678", null, 1L, null);
    }

    /** The portal binds; this module only unbinds, so tests set the field directly. */
    private static void bind(Registrant r, String openid) throws Exception {
        Field field = Registrant.class.getDeclaredField("wechatOpenid");
        field.setAccessible(true);
        field.set(r, openid);
    }
}
