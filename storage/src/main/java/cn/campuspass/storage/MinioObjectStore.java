package cn.campuspass.storage;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolCode;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http.Method;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** {@link ObjectStore} over the S3 API with the MinIO Java client: one bucket, one prefix per school. */
@Component
class MinioObjectStore implements ObjectStore {

    private static final Duration MAX_URL_TTL = Duration.ofMinutes(15);

    private final MinioClient client;
    private final String bucket;
    private volatile boolean bucketReady;

    MinioObjectStore(MinioClient client, StorageProperties properties) {
        this.client = client;
        this.bucket = properties.bucket();
    }

    @Override
    public void prepareSchool(SchoolCode school) {
        ensureBucket();
        // S3 has no folders; a marker object makes the school's space visible and proves we can write there.
        byte[] marker = ("school=" + school.value() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        put(school, "campuspass-school.txt", new java.io.ByteArrayInputStream(marker), marker.length, "text/plain");
    }

    @Override
    public void put(SchoolCode school, String key, InputStream content, long size, String contentType) {
        ensureBucket();
        call(() ->
                client.putObject(PutObjectArgs.builder().bucket(bucket).object(ObjectKeys.absolute(school, key)).stream(
                                content, size, null)
                        .contentType(contentType)
                        .build()));
    }

    @Override
    public InputStream get(SchoolCode school, String key) {
        return call(() -> client.getObject(GetObjectArgs.builder()
                .bucket(bucket)
                .object(ObjectKeys.absolute(school, key))
                .build()));
    }

    @Override
    public boolean exists(SchoolCode school, String key) {
        try {
            client.statObject(StatObjectArgs.builder()
                    .bucket(bucket)
                    .object(ObjectKeys.absolute(school, key))
                    .build());
            return true;
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())
                    || "NoSuchBucket".equals(e.errorResponse().code())) {
                return false;
            }
            throw new ApiException(StorageError.STORAGE_UNAVAILABLE);
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageFailure(e);
        }
    }

    @Override
    public String presignedGet(SchoolCode school, String key, Duration ttl) {
        Duration capped = ttl.compareTo(MAX_URL_TTL) > 0 ? MAX_URL_TTL : ttl;
        return call(() -> client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Method.GET)
                .bucket(bucket)
                .object(ObjectKeys.absolute(school, key))
                .expiry((int) capped.toSeconds(), TimeUnit.SECONDS)
                .build()));
    }

    @Override
    public List<String> list(SchoolCode school, String prefix) {
        String base = ObjectKeys.schoolPrefix(school);
        String absolute = prefix == null || prefix.isEmpty() ? base : ObjectKeys.absolute(school, prefix);
        List<String> keys = new ArrayList<>();
        for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                .bucket(bucket)
                .prefix(absolute)
                .recursive(true)
                .build())) {
            keys.add(call(result::get).objectName().substring(base.length()));
        }
        return keys;
    }

    @Override
    public void delete(SchoolCode school, String key) {
        call(() -> {
            client.removeObject(RemoveObjectArgs.builder()
                    .bucket(bucket)
                    .object(ObjectKeys.absolute(school, key))
                    .build());
            return null;
        });
    }

    @Override
    public void deleteSchool(SchoolCode school) {
        if (!bucketExists()) {
            return;
        }
        for (String key : list(school, "")) {
            delete(school, key);
        }
    }

    @Override
    public void putArchive(String name, java.nio.file.Path file, String contentType) {
        ensureBucket();
        call(() -> {
            try (InputStream in = java.nio.file.Files.newInputStream(file)) {
                return client.putObject(PutObjectArgs.builder().bucket(bucket).object(ObjectKeys.archive(name)).stream(
                                in, java.nio.file.Files.size(file), null)
                        .contentType(contentType)
                        .build());
            }
        });
    }

    @Override
    public String presignedArchive(String name, Duration ttl) {
        Duration capped = ttl.compareTo(MAX_URL_TTL) > 0 ? MAX_URL_TTL : ttl;
        return call(() -> client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Method.GET)
                .bucket(bucket)
                .object(ObjectKeys.archive(name))
                .expiry((int) capped.toSeconds(), TimeUnit.SECONDS)
                .build()));
    }

    @Override
    public List<String> deleteArchivesBefore(String prefix, java.time.Instant cutoff) {
        List<String> deleted = new java.util.ArrayList<>();
        if (!bucketExists()) {
            return deleted;
        }
        String absolute = ObjectKeys.archive(prefix);
        int base = "archives/".length();
        for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                .bucket(bucket)
                .prefix(absolute)
                .recursive(true)
                .build())) {
            Item item = call(result::get);
            if (item.lastModified() != null && item.lastModified().toInstant().isBefore(cutoff)) {
                call(() -> {
                    client.removeObject(RemoveObjectArgs.builder()
                            .bucket(bucket)
                            .object(item.objectName())
                            .build());
                    return null;
                });
                deleted.add(item.objectName().substring(base));
            }
        }
        return deleted;
    }

    boolean bucketExists() {
        return call(() ->
                client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
    }

    private void ensureBucket() {
        if (bucketReady) {
            return;
        }
        if (!bucketExists()) {
            call(() -> {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                return null;
            });
        }
        bucketReady = true;
    }

    private static <T> T call(StorageCall<T> call) {
        try {
            return call.run();
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageFailure(e);
        }
    }

    @FunctionalInterface
    private interface StorageCall<T> {
        T run() throws Exception;
    }

    /** The object store failed (not the caller's fault). */
    static class StorageFailure extends RuntimeException {
        StorageFailure(Throwable cause) {
            super("Object storage call failed: " + cause.getMessage(), cause);
        }
    }
}
