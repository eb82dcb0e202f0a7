import { useTranslation } from 'react-i18next';
import { watermarkPreview } from './linkForm';
import classes from './links.module.css';

/**
 * A live preview of the watermark: the line the server will compose (with sample visitor values) drawn over a sample
 * page, tiled diagonally and once in a bottom band, as `documents.internal.Watermarking` draws it into the pixels.
 * Rendered here, in the browser; the real one is burnt in on the server.
 */
export function WatermarkPreview({ template, linkName }: { template: string; linkName: string }) {
  const { t } = useTranslation('links');
  const text = watermarkPreview(template, {
    email: t('dialog.watermark.sampleEmail'),
    at: new Date(),
    ip: '203.0.113.7',
    link: linkName,
  });
  return (
    <figure className={classes.preview} aria-label={t('dialog.watermark.preview')}>
      <div className={classes.samplePage} aria-hidden="true">
        <div className={classes.sampleTitle} />
        {Array.from({ length: 14 }, (_, i) => (
          <div key={i} className={classes.sampleLine} style={{ width: `${60 + ((i * 37) % 40)}%` }} />
        ))}
        <div className={classes.tiles}>
          {Array.from({ length: 6 }, (_, i) => (
            // The text as generated content: a watermark is faint on purpose, and it is not content to read.
            <span key={i} className={classes.tile} data-text={text} />
          ))}
        </div>
        <div className={classes.band} data-text={text} />
      </div>
      <figcaption className={classes.previewCaption} data-testid="watermark-line">
        {text}
      </figcaption>
    </figure>
  );
}
