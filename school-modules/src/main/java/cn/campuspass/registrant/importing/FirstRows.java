package cn.campuspass.registrant.importing;

/**
 * Remembers the first row that used each value, for duplicate detection within a file. Open addressing over plain
 * arrays: for 100,000 rows about a third of what a {@code HashMap<String, Integer>} takes, which matters because this
 * is the one structure of an import that grows with the file. Phones are kept as numbers, 学号 as strings.
 */
final class FirstRows {

    private static final float LOAD = 0.6f;

    private String[] texts;
    private long[] numbers;
    private int[] rows;
    private int size;

    private FirstRows(boolean numeric) {
        rows = new int[1024];
        if (numeric) {
            numbers = new long[1024];
        } else {
            texts = new String[1024];
        }
    }

    static FirstRows ofTexts() {
        return new FirstRows(false);
    }

    static FirstRows ofNumbers() {
        return new FirstRows(true);
    }

    /** Records {@code row} for {@code value} unless seen before; answers the earlier row, or 0 for a new value. */
    int claim(String value, int row) {
        int slot = slot(value.hashCode());
        while (rows[slot] != 0) {
            if (texts[slot].equals(value)) {
                return rows[slot];
            }
            slot = (slot + 1) & (rows.length - 1);
        }
        texts[slot] = value;
        return add(slot, row);
    }

    /** As {@link #claim(String, int)}, for a non-negative number. */
    int claim(long value, int row) {
        int slot = slot(Long.hashCode(value));
        while (rows[slot] != 0) {
            if (numbers[slot] == value) {
                return rows[slot];
            }
            slot = (slot + 1) & (rows.length - 1);
        }
        numbers[slot] = value;
        return add(slot, row);
    }

    private int add(int slot, int row) {
        if (row <= 0) {
            throw new IllegalArgumentException("Row numbers start at 1");
        }
        rows[slot] = row;
        if (++size > rows.length * LOAD) {
            grow();
        }
        return 0;
    }

    private int slot(int hash) {
        int h = hash * 0x9E3779B9;
        return (h ^ (h >>> 16)) & (rows.length - 1);
    }

    private void grow() {
        String[] oldTexts = texts;
        long[] oldNumbers = numbers;
        int[] oldRows = rows;
        int capacity = rows.length * 2;
        rows = new int[capacity];
        texts = oldTexts == null ? null : new String[capacity];
        numbers = oldNumbers == null ? null : new long[capacity];
        size = 0;
        for (int i = 0; i < oldRows.length; i++) {
            if (oldRows[i] != 0) {
                if (oldTexts != null) {
                    claim(oldTexts[i], oldRows[i]);
                } else {
                    claim(oldNumbers[i], oldRows[i]);
                }
            }
        }
    }

    int size() {
        return size;
    }
}
