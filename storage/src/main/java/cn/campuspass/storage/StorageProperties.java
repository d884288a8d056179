package cn.campuspass.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** S3 endpoint, credentials and the bucket holding every school's space under {@code schools/<code>/}. */
@ConfigurationProperties("campuspass.storage")
public record StorageProperties(String endpoint, String accessKey, String secretKey, String bucket, String region) {

    public StorageProperties {
        bucket = bucket == null ? "campuspass" : bucket;
        region = region == null ? "us-east-1" : region;
    }
}
