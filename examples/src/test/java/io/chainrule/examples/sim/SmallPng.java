package io.chainrule.examples.sim;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * A screenshot made small enough to commit: 32 levels per colour channel instead of 256 (the pages are flat colours
 * and smooth heat maps, where the steps do not show) and the PNG writer's strongest compression, which together
 * halve what the browser writes.
 */
final class SmallPng {
    private static final int LEVELS = 31;

    private SmallPng() {
    }

    static byte[] of(byte[] png) throws IOException {
        BufferedImage in = ImageIO.read(new ByteArrayInputStream(png));
        BufferedImage out = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < in.getHeight(); y++) {
            for (int x = 0; x < in.getWidth(); x++) {
                int rgb = in.getRGB(x, y);
                out.setRGB(x, y, level(rgb >> 16) << 16 | level(rgb >> 8) << 8 | level(rgb));
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam strongest = writer.getDefaultWriteParam();
        strongest.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        strongest.setCompressionQuality(0f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(out, null, null), strongest);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A channel's 8 bits rounded to the nearest of 32 levels; black stays black and white white. */
    private static int level(int channel) {
        int c = channel & 0xff;
        return Math.round(Math.round(c * LEVELS / 255f) * 255f / LEVELS);
    }
}
