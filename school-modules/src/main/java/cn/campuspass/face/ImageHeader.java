package cn.campuspass.face;

import cn.campuspass.platform.error.ApiException;

/**
 * What a JPEG or PNG says about itself before a single pixel is decoded: its type (from the magic bytes only), its
 * dimensions and, for a JPEG, its EXIF orientation. Reading these from the header lets a decompression bomb (a few
 * kilobytes that decode to gigabytes) be refused before the decoder allocates anything.
 *
 * @param orientation the EXIF orientation (1..8; 1 when absent)
 */
record ImageHeader(Type type, int width, int height, int orientation) {

    enum Type {
        JPEG("image/jpeg"),
        PNG("image/png");

        final String contentType;

        Type(String contentType) {
            this.contentType = contentType;
        }
    }

    long pixels() {
        return (long) width * height;
    }

    /** Orientations 5..8 turn the picture a quarter: width and height swap once applied. */
    boolean quarterTurned() {
        return orientation >= 5 && orientation <= 8;
    }

    static ImageHeader read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ApiException(FaceError.FACE_FILE_EMPTY);
        }
        if (startsWith(bytes, 0xFF, 0xD8, 0xFF)) {
            return jpeg(bytes);
        }
        if (startsWith(bytes, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return png(bytes);
        }
        throw new ApiException(FaceError.FACE_TYPE_NOT_ALLOWED);
    }

    private static ImageHeader png(byte[] b) {
        // The first chunk must be IHDR: length (4), "IHDR", width (4), height (4).
        if (b.length < 24 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            throw new ApiException(FaceError.FACE_IMAGE_UNREADABLE);
        }
        long width = u32(b, 16);
        long height = u32(b, 20);
        return checked(Type.PNG, width, height, 1);
    }

    private static ImageHeader jpeg(byte[] b) {
        int orientation = 1;
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                throw new ApiException(FaceError.FACE_IMAGE_UNREADABLE);
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte
                i++;
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length
                i += 2;
                continue;
            }
            int length = u16(b, i + 2);
            if (length < 2 || i + 2 + length > b.length) {
                throw new ApiException(FaceError.FACE_IMAGE_UNREADABLE);
            }
            int segment = i + 4;
            if (marker == 0xE1 && length >= 8 && isExif(b, segment)) {
                orientation = exifOrientation(b, segment + 6, i + 2 + length);
            }
            boolean startOfFrame =
                    marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                if (length < 7) {
                    throw new ApiException(FaceError.FACE_IMAGE_UNREADABLE);
                }
                int height = u16(b, segment + 1);
                int width = u16(b, segment + 3);
                return checked(Type.JPEG, width, height, orientation);
            }
            if (marker == 0xDA) { // start of scan before any frame header
                break;
            }
            i += 2 + length;
        }
        throw new ApiException(FaceError.FACE_IMAGE_UNREADABLE);
    }

    private static boolean isExif(byte[] b, int at) {
        return b[at] == 'E'
                && b[at + 1] == 'x'
                && b[at + 2] == 'i'
                && b[at + 3] == 'f'
                && b[at + 4] == 0
                && b[at + 5] == 0;
    }

    /** The orientation tag (0x0112) of IFD0 in the TIFF structure at {@code tiff}; 1 when absent or malformed. */
    private static int exifOrientation(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return 1;
        }
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        boolean big = b[tiff] == 'M' && b[tiff + 1] == 'M';
        if (!little && !big) {
            return 1;
        }
        long ifd = little ? u32le(b, tiff + 4) : u32(b, tiff + 4);
        long at = tiff + ifd;
        if (ifd < 8 || at + 2 > end) {
            return 1;
        }
        int entries = little ? u16le(b, (int) at) : u16(b, (int) at);
        for (int e = 0; e < entries; e++) {
            int entry = (int) at + 2 + e * 12;
            if (entry + 12 > end) {
                return 1;
            }
            int tag = little ? u16le(b, entry) : u16(b, entry);
            if (tag == 0x0112) {
                int value = little ? u16le(b, entry + 8) : u16(b, entry + 8);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static ImageHeader checked(Type type, long width, long height, int orientation) {
        if (width <= 0 || height <= 0) {
            throw new ApiException(FaceError.FACE_IMAGE_UNREADABLE);
        }
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new ApiException(FaceError.FACE_IMAGE_TOO_LARGE);
        }
        return new ImageHeader(type, (int) width, (int) height, orientation);
    }

    private static boolean startsWith(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static int u16le(byte[] b, int at) {
        return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8);
    }

    private static long u32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24)
                | ((b[at + 1] & 0xFF) << 16)
                | ((b[at + 2] & 0xFF) << 8)
                | (b[at + 3] & 0xFF);
    }

    private static long u32le(byte[] b, int at) {
        return (b[at] & 0xFF)
                | ((b[at + 1] & 0xFF) << 8)
                | ((b[at + 2] & 0xFF) << 16)
                | ((long) (b[at + 3] & 0xFF) << 24);
    }
}
