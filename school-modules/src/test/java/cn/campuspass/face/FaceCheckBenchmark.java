package cn.campuspass.face;

import static cn.campuspass.face.FacePhotos.jpeg;
import static cn.campuspass.face.FacePhotos.portrait;
import static cn.campuspass.face.FacePhotos.resized;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Time of one check of a 12-megapixel phone photo (figures in docs/performance.md). Not a test: run it on a quiet
 * machine with {@code -Dface.bench=true -Dtest=FaceCheckBenchmark} (and {@code -DargLine=-Xmx512m} for the heap
 * target); it prints p50/p95/max and asserts nothing about time.
 */
@EnabledIfSystemProperty(named = "face.bench", matches = "true")
class FaceCheckBenchmark {

    @Test
    void twelveMegapixelPhoto() {
        byte[] photo = jpeg(resized(portrait(), 3000, 4000)); // 12 MP, portrait like a phone's
        FaceCheck check = new OpenCvFaceCheck(FaceRules.defaults());
        long first = System.nanoTime();
        check.check(photo);
        System.out.printf(
                "first check (loads the natives and cascade): %d ms%n", (System.nanoTime() - first) / 1_000_000);
        for (int i = 0; i < 5; i++) {
            check.check(photo);
        }
        int runs = 40;
        long[] ms = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            check.check(photo);
            ms[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(ms);
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                "12 MP JPEG (%d KB): p50 %d ms, p95 %d ms, max %d ms over %d checks; heap max %d MB, used %d MB%n",
                photo.length / 1024,
                ms[runs / 2],
                ms[(int) Math.ceil(runs * 0.95) - 1],
                ms[runs - 1],
                runs,
                rt.maxMemory() / (1024 * 1024),
                (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
    }
}
