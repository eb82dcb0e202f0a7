import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Snippet, snippetParts } from './snippet';

describe('search snippet («» → <mark>, SR-2)', () => {
  it('splits the snippet into text and matches', () => {
    expect(snippetParts('the «Lease» of «the» farm')).toEqual([
      { text: 'the ', match: false },
      { text: 'Lease', match: true },
      { text: ' of ', match: false },
      { text: 'the', match: true },
      { text: ' farm', match: false },
    ]);
    expect(snippetParts('no match here')).toEqual([{ text: 'no match here', match: false }]);
    expect(snippetParts('«all»')).toEqual([{ text: 'all', match: true }]);
    expect(snippetParts('')).toEqual([]);
  });

  it('keeps a lone » as text and marks an unclosed « to the end', () => {
    expect(snippetParts('a » b')).toEqual([{ text: 'a » b', match: false }]);
    expect(snippetParts('a «b c')).toEqual([{ text: 'a ', match: false }, { text: 'b c', match: true }]);
  });

  it('renders the matches as <mark> elements', () => {
    const { container } = render(<Snippet text="sign the «contract» «today»" />);
    const marks = [...container.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(['contract', 'today']);
    expect(container.textContent).toBe('sign the contract today');
  });

  it('shows markup in a snippet as text, never as HTML', () => {
    const evil = 'before <img src=x onerror=alert(1)> «<b>match</b>» after';
    const { container } = render(<Snippet text={evil} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe('before <img src=x onerror=alert(1)> <b>match</b> after');
    expect(container.querySelector('mark')?.textContent).toBe('<b>match</b>');
  });
});
