/**
 * The shared kernel every other module stands on: which school a request belongs to, how a Hibernate session
 * finds that school's schema, how tokens from many Keycloak realms are trusted, the error model, Redis-backed
 * rate limits and school-tagged metrics. Nothing here knows about a particular business feature.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package cn.campuspass.platform;

import org.springframework.modulith.ApplicationModule;
