/**
 * The avatar files: every mood listed in public/avatars/index.json has a
 * well-formed 96x96 SVG with a title, nothing is listed that is not drawn,
 * and the list agrees with the moods the dialogue components accept.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { characters } from '../../../src/components/characters.ts';

const DIR = new URL('../../../public/avatars/', import.meta.url);
const index = JSON.parse(readFileSync(new URL('index.json', DIR), 'utf8')) as Record<string, string[]>;

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

/**
 * A strict little XML reader, enough for our hand-made SVGs: it throws on an
 * unclosed or mismatched tag, an unquoted or repeated attribute, or text
 * outside the root. (Node has no DOMParser, and the project has no XML dependency.)
 */
function parseXml(source: string): Element {
  const tag = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  const attribute = /([\w:.-]+)="([^"]*)"/g;
  const stack: Element[] = [];
  let root: Element | undefined;
  for (const match of source.matchAll(tag)) {
    const [whole, closing, name, attrs, selfClosing, text, stray] = match;
    if (stray) throw new Error(`malformed tag at ${match.index}: ${source.slice(match.index, match.index + 30)}`);
    if (whole.startsWith('<!--') || whole.startsWith('<?')) continue;
    if (text !== undefined) {
      if (stack.length === 0) {
        if (text.trim() !== '') throw new Error(`text outside the root: ${text.trim().slice(0, 30)}`);
        continue;
      }
      stack[stack.length - 1]!.text += text;
      continue;
    }
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const element: Element = { name: name!, attributes: {}, children: [], text: '' };
    for (const [, key, value] of (attrs ?? '').matchAll(attribute)) {
      if (key! in element.attributes) throw new Error(`<${name}> repeats ${key}`);
      element.attributes[key!] = value!;
    }
    if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
    else if (root) throw new Error('more than one root element');
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

function walk(element: Element, visit: (e: Element) => void): void {
  visit(element);
  for (const child of element.children) walk(child, visit);
}

describe('the XML reader used below', () => {
  it('rejects broken documents', () => {
    expect(() => parseXml('<svg><g></svg>')).toThrow();
    expect(() => parseXml('<svg a=1></svg>')).toThrow();
    expect(() => parseXml('<svg a="1" a="2"></svg>')).toThrow();
    expect(() => parseXml('<svg></svg><svg></svg>')).toThrow();
    expect(() => parseXml('<svg>')).toThrow();
    expect(parseXml('<svg><title>x</title><g/></svg>').children.map((c) => c.name)).toEqual(['title', 'g']);
  });
});

describe('avatars', () => {
  const listed = Object.entries(index).flatMap(([speaker, moods]) => moods.map((mood) => `${speaker}-${mood}.svg`));

  it('index.json lists the moods the dialogue components accept', () => {
    expect(index).toEqual({ gal: [...characters.gal.moods], geek: [...characters.geek.moods] });
  });

  it('every SVG in the folder is listed (no stray or misnamed file)', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.svg'));
    expect(files.sort()).toEqual([...listed].sort());
  });

  it.each(listed)('%s is a well-formed 96x96 SVG with a title and its own ids', (file) => {
    const source = readFileSync(new URL(file, DIR), 'utf8');
    const svg = parseXml(source);
    expect(svg.name).toBe('svg');
    expect(svg.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(svg.attributes.viewBox).toBe('0 0 96 96');
    expect(svg.attributes.role).toBe('img');

    const title = svg.children[0];
    expect(title?.name).toBe('title');
    const speaker = file.startsWith('gal-') ? 'Gal' : 'Geek';
    expect(title!.text).toMatch(new RegExp(`^${speaker}, \\w`));

    // Ids are prefixed with the file name, every reference resolves, and nothing is fetched from outside.
    const prefix = file.replace(/\.svg$/, '');
    const ids = new Set<string>();
    walk(svg, (e) => {
      if (e.attributes.id !== undefined) {
        expect(e.attributes.id.startsWith(`${prefix}-`)).toBe(true);
        expect(ids.has(e.attributes.id)).toBe(false);
        ids.add(e.attributes.id);
      }
      expect(e.name).not.toMatch(/^(script|image|foreignObject|style)$/);
      expect(e.attributes.href ?? e.attributes['xlink:href']).toBeUndefined();
    });
    for (const [, ref] of source.matchAll(/url\(#([^)]+)\)/g)) expect(ids.has(ref!)).toBe(true);
    for (const ref of (svg.attributes['aria-labelledby'] ?? '').split(/\s+/)) expect(ids.has(ref)).toBe(true);
  });

  it('the moods of one character are drawn differently', () => {
    for (const [speaker, moods] of Object.entries(index)) {
      const faces = moods.map((mood) => readFileSync(new URL(`${speaker}-${mood}.svg`, DIR), 'utf8').replace(/(gal|geek)-\w+-/g, '').replace(/<title[\s\S]*?<\/desc>/, ''));
      expect(new Set(faces).size).toBe(moods.length);
    }
  });
});
