package cn.campuspass.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The LOCAL and TEST stacks, and the LOCAL stacks of different checkouts, never share a database. */
class ProfileTest {

    @AfterEach
    void clearSlots() {
        System.clearProperty("campuspass.local-stack.slot");
        System.clearProperty("campuspass.test-stack.slot");
        System.clearProperty(RepoLocator.REPO_PROPERTY);
    }

    @Test
    void localDatabasesAreThisCheckoutsAndNeverTheTestStacks() {
        LocalStack.Profile local = LocalStack.Profile.LOCAL;
        String tag = LocalStack.Profile.checkoutTag();
        assertThat(tag).matches("[a-z0-9_]{1,20}_[0-9a-f]{6}");
        assertThat(local.database()).isEqualTo("campuspass_" + tag);
        assertThat(local.keycloakDatabase()).isEqualTo("keycloak_" + tag);
        assertThat(local.database()).isNotEqualTo(LocalStack.Profile.TEST.database());
        assertThat(local.keycloakDatabase()).isNotEqualTo(LocalStack.Profile.TEST.keycloakDatabase());
        assertThat(local.redisDatabase()).isNotEqualTo(LocalStack.Profile.TEST.redisDatabase());
    }

    @Test
    void anotherCheckoutHasOtherDatabases() throws Exception {
        String here = LocalStack.Profile.LOCAL.database();
        java.nio.file.Path other = java.nio.file.Files.createTempDirectory("other-checkout");
        java.nio.file.Files.createDirectories(other.resolve("ops/local-stack"));
        java.nio.file.Files.writeString(other.resolve("ops/local-stack/pom.xml"), "<project/>");
        System.setProperty(RepoLocator.REPO_PROPERTY, other.toString());
        assertThat(LocalStack.Profile.LOCAL.database()).isNotEqualTo(here).startsWith("campuspass_other_checkout");
    }

    @Test
    void aLocalSlotShiftsEveryPortAndTheRedisDatabase() {
        LocalStack.Profile local = LocalStack.Profile.LOCAL;
        assertThat(local.appPort()).isEqualTo(8080);
        assertThat(local.keycloakPort()).isEqualTo(8180);
        assertThat(local.redisDatabase()).isZero();
        String database = local.database();
        System.setProperty("campuspass.local-stack.slot", "2");
        assertThat(local.appPort()).isEqualTo(8100);
        assertThat(local.keycloakPort()).isEqualTo(8200);
        assertThat(local.s3Port()).isEqualTo(8300);
        assertThat(local.simulatorPort()).isEqualTo(8400);
        assertThat(local.redisDatabase()).isEqualTo(12);
        assertThat(local.database()).isEqualTo(database);
    }

    @Test
    void throwAwaySchoolsAreKnownByTheirNames() {
        assertThat(LeftoverSchools.throwawayName("测试大学abc")).isTrue();
        assertThat(LeftoverSchools.throwawayName("基准学校12")).isTrue();
        assertThat(LeftoverSchools.throwawayName("种子学校3")).isTrue();
        assertThat(LeftoverSchools.throwawayName("演示大学")).isFalse();
        assertThat(LeftoverSchools.throwawayName("示例大学")).isFalse();
        assertThat(LeftoverSchools.throwawayName(null)).isFalse();
    }
}
