package io.coffer.documents;

import java.util.Objects;

/**
 * A watermark to burn into a rendition: the exact line to draw into page images and stamp on every page of a PDF.
 * Who composes it (share links, from the link's template, the visitor and the moment) is the caller's business;
 * drawing and stamping are documents'.
 */
public record Watermark(String text) {
    public Watermark {
        Objects.requireNonNull(text, "watermark text");
    }

    @Override
    public String toString() {
        return "Watermark[" + text.length() + " chars]";
    }
}
