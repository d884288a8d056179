/**
 * Registrant feedback (建议反馈, A3.4 and R4.5): the school's feedback types, feedback that registrants send from the
 * portal with up to four images in object storage, and the console's list, details and reply. Feedback is personal
 * data: the console list and details take the staff member's {@link cn.campuspass.platform.security.DataScope}.
 */
@org.springframework.modulith.ApplicationModule
package cn.campuspass.feedback;
