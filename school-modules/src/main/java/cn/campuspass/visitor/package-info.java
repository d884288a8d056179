/**
 * Visitors (访客预约 V1–V4, the host side R4.2/R4.3): visitors who sign in with WeChat alone and keep a profile,
 * their bookings of an authorized teacher (visitor requests and host invitations) with the three-a-day rule held by
 * the database, the visitor pass inside a booking's window and the visitor access records its verification writes.
 * Tables {@code visitor}, {@code visitor_booking} and {@code visitor_access_record} (V19) are this module's own;
 * the console statistics and the retention purge read them.
 */
@org.springframework.modulith.ApplicationModule
package cn.campuspass.visitor;
