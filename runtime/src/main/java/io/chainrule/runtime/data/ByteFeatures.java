package io.chainrule.runtime.data;

/**
 * Features held as unsigned bytes, a quarter of f32's memory, each byte {@code b} standing for {@code valueOfByte[b]}
 * (for MNIST, {@code b / 255f} as torchvision's {@code ToTensor}): normalizing computes a new table of 256 values and
 * shares the bytes.
 */
record ByteFeatures(ByteRows bytes, float[] valueOfByte) implements Features {

    @Override
    public void copyRow(int row, float[] into, int offset) {
        bytes.copyRow(row, valueOfByte, into, offset);
    }

    @Override
    public int touchRow(int row) {
        return bytes.touch(row);
    }

    @Override
    public Features normalized(float mean, float std) {
        float[] table = new float[valueOfByte.length];
        for (int b = 0; b < table.length; b++) {
            table[b] = (valueOfByte[b] - mean) / std;
        }
        return new ByteFeatures(bytes, table);
    }
}
