/**
 * Plain data for the charts: the views per day from the activity stream's items, and durations as words.
 */
export const DAYS = 30;

/** The local calendar day of an instant, as YYYY-MM-DD. */
export function dayKey(at: Date): string {
  const y = at.getFullYear();
  const m = String(at.getMonth() + 1).padStart(2, '0');
  const d = String(at.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Counts per local day over the last `days` days (oldest first, every day present, zeros included). */
export function perDay(instants: string[], now: Date = new Date(), days = DAYS): { day: string; views: number }[] {
  const counts = new Map<string, number>();
  for (const at of instants) {
    const key = dayKey(new Date(at));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const out: { day: string; views: number }[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - i);
    const key = dayKey(d);
    out.push({ day: key, views: counts.get(key) ?? 0 });
  }
  return out;
}

/** "1 h 5 min", "3 min 20 s", "45 s" in the UI's language (Intl units). */
export function duration(seconds: number, locale: string): string {
  const unit = (value: number, u: 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return m > 0 ? `${unit(h, 'hour')} ${unit(m, 'minute')}` : unit(h, 'hour');
  if (m > 0) return rest > 0 ? `${unit(m, 'minute')} ${unit(rest, 'second')}` : unit(m, 'minute');
  return unit(rest, 'second');
}
