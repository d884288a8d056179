/**
 * The operator side of the platform: the school registry, a school's birth (onboarding as resumable idempotent
 * steps), its configuration, suspension and end (offboarding), plus the background worker that keeps every school's
 * schema at the version this build ships.
 */
@org.springframework.modulith.ApplicationModule
package cn.campuspass.tenant;
