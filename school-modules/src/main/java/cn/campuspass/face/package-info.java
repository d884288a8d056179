/**
 * Registrants' faces (人脸, R4.9, P6, A4.5): the automatic compliance check of an uploaded photo ({@link
 * cn.campuspass.face.FaceCheck}, an OpenCV adapter), the accepted face in the school's private object storage (read
 * only through short-lived presigned URLs), the record of every change (人脸更新记录) with its console list and the
 * export of faces as a zip. Other modules use {@link cn.campuspass.face.Faces}: the portal uploads, the pass issuer
 * asks whether a required face is there, the guard's verification shows it.
 */
@org.springframework.modulith.ApplicationModule
package cn.campuspass.face;
