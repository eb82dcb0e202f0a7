/** Client-side checks that mirror the contract's rules, so the user hears about them before a round trip. */
export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 256;
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function passwordProblem(password: string): 'passwordTooShort' | null {
  return [...password].length < MIN_PASSWORD ? 'passwordTooShort' : null;
}

export function isSlug(value: string): boolean {
  return SLUG.test(value);
}

/** A tenant slug suggested from the organisation's name: "Acme Corp." → "acme-corp". */
export function slugFrom(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .substring(0, 63)
    .replace(/-+$/g, '');
}
