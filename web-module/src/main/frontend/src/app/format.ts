/** Dates and numbers through Intl, in the UI's language. */
import { useTranslation } from 'react-i18next';

export function formatDateTime(iso: string | null | undefined, lng: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatDate(iso: string | null | undefined, lng: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lng, { dateStyle: 'medium' }).format(date);
}

/** "3 minutes ago" / "vor 3 Minuten", in the largest unit that fits. */
export function formatRelative(iso: string, lng: string, now: Date = new Date()): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31_536_000], ['month', 2_592_000], ['week', 604_800], ['day', 86_400], ['hour', 3_600], ['minute', 60],
  ];
  const rtf = new Intl.RelativeTimeFormat(lng, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return rtf.format(seconds, 'second');
}

export function formatNumber(value: number, lng: string): string {
  return new Intl.NumberFormat(lng).format(value);
}

/** The formatters bound to the current language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  return {
    lng,
    dateTime: (iso: string | null | undefined) => formatDateTime(iso, lng),
    date: (iso: string | null | undefined) => formatDate(iso, lng),
    relative: (iso: string, now?: Date) => formatRelative(iso, lng, now),
    number: (value: number) => formatNumber(value, lng),
  };
}
