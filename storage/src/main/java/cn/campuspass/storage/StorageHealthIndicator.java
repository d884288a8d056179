package cn.campuspass.storage;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Storage is healthy when the bucket can be looked up over the S3 API. */
@Component("storage")
class StorageHealthIndicator extends AbstractHealthIndicator {

    private final MinioObjectStore store;
    private final StorageProperties properties;

    StorageHealthIndicator(MinioObjectStore store, StorageProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up().withDetail("bucket", properties.bucket()).withDetail("bucketExists", store.bucketExists());
    }
}
