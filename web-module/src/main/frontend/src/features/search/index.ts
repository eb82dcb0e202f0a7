/** What other areas use of the search area (the visitor page lists a link's hits the same way). */
export { HitList } from './HitList';
export { Snippet, snippetParts } from './snippet';
export type { SearchHit } from './queries';
