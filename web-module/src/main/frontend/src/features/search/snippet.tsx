/**
 * A search snippet: plain text (the document's own words, user content) with « » around the matches (SR-2). Split
 * into parts and rendered as React text nodes, the matches in <mark>: the text is never parsed as HTML.
 */
export interface SnippetPart {
  text: string;
  match: boolean;
}

const OPEN = '«';
const CLOSE = '»';

/** The snippet's parts in order; an unclosed « marks up to the end, a lone » is kept as text. Empty parts dropped. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (text: string, match: boolean) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.match === match) last.text += text;
    else parts.push({ text, match });
  };
  let rest = snippet;
  while (rest.length > 0) {
    const open = rest.indexOf(OPEN);
    if (open < 0) {
      push(rest, false);
      break;
    }
    push(rest.substring(0, open), false);
    const close = rest.indexOf(CLOSE, open + 1);
    if (close < 0) {
      push(rest.substring(open + 1), true);
      break;
    }
    push(rest.substring(open + 1, close), true);
    rest = rest.substring(close + 1);
  }
  return parts;
}

/** The snippet as text with the matches in <mark>. */
export function Snippet({ text, className }: { text: string; className?: string }) {
  return (
    <span className={className} data-testid="snippet">
      {snippetParts(text).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </span>
  );
}
