/**
 * Object storage for faces and files behind a small interface ({@link cn.campuspass.storage.ObjectStore}); the
 * implementation speaks the S3 API through the MinIO client (MinIO in production, S3Proxy locally). Every key lives
 * under its school's prefix, so one school's code can never name another school's object.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package cn.campuspass.storage;
