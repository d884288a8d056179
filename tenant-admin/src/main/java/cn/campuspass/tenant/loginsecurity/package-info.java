/**
 * How staff sign in to a school: the school's own login-security choices (OTP for school admins) and the worker
 * that keeps every school's Keycloak realm at the current realm definition, for old schools as well as new ones.
 */
package cn.campuspass.tenant.loginsecurity;
