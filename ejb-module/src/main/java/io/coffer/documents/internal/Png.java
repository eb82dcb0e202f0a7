package io.coffer.documents.internal;

import java.awt.image.RenderedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * How page images are encoded: PNG (lossless, so text stays sharp), with a fast deflate setting. ImageIO's default
 * setting took 170–510 ms for a 1200×1552 text page on these cores; quality 0.75 (a lower deflate level) 60–120 ms
 * for files ~13 % larger (docs/benchmarks.md, issue 14). JPEG at 0.9 was no faster and larger for text pages.
 */
final class Png {

    static final float QUALITY = 0.75f;

    private Png() {
    }

    static void write(RenderedImage image, File target) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(target)) {
            if (out == null) {
                throw new IOException("cannot write " + target);
            }
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
