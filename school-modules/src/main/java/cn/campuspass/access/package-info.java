/**
 * Access (A4.2 f, R3, R4.4, A6.1): which gates each registrant may pass, the rotating dynamic pass a registrant
 * shows at a gate, its verification by a guard or a gate device, and the access records those verifications write.
 */
@org.springframework.modulith.ApplicationModule
package cn.campuspass.access;
