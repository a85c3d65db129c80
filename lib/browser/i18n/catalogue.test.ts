import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LOCALES, pickLocale } from './locales';

const root = join(import.meta.dirname, 'messages');
type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The ICU arguments a message uses ({km}, {count, plural, …}, <link>…</link>), sorted. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
      names.add(element.value);
      if (element.type === TYPE.plural || element.type === TYPE.select)
        for (const option of Object.values(element.options)) walk(option.value);
      if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(parse(message, { ignoreTag: false }));
  return [...names].sort();
}

const files = readdirSync(join(root, 'en')).sort();
const load = (locale: string, file: string) =>
  flatten(JSON.parse(readFileSync(join(root, locale, file), 'utf8')) as Tree);

describe('the message catalogue', () => {
  it('has one folder per supported language, each with the same files', () => {
    expect(readdirSync(root).sort()).toEqual([...LOCALES].sort());
    for (const locale of LOCALES) expect(readdirSync(join(root, locale)).sort(), locale).toEqual(files);
  });

  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    for (const file of files) {
      it(`${locale}/${file} has every key of en/${file}, no other, with the same arguments`, () => {
        const reference = load('en', file);
        const translated = load(locale, file);
        expect([...translated.keys()].sort()).toEqual([...reference.keys()].sort());
        for (const [key, message] of reference) {
          expect(argumentsOf(translated.get(key) ?? ''), `${locale}/${file}: ${key}`).toEqual(argumentsOf(message));
        }
      });
    }
  }

  it('every message is valid ICU and not empty', () => {
    for (const locale of LOCALES)
      for (const file of files)
        for (const [key, message] of load(locale, file)) {
          expect(message.trim(), `${locale}/${file}: ${key}`).not.toBe('');
          expect(() => argumentsOf(message), `${locale}/${file}: ${key}`).not.toThrow();
        }
  });

  it('a missing key or argument is caught (the checks above can fail)', () => {
    const reference = flatten({ a: { b: 'Hello {name}', c: 'x' } });
    const broken = flatten({ a: { b: 'Bonjour {nom}' } });
    expect([...broken.keys()]).not.toEqual([...reference.keys()]);
    expect(argumentsOf(broken.get('a.b')!)).not.toEqual(argumentsOf(reference.get('a.b')!));
  });
});

describe('pickLocale', () => {
  it('follows the first supported browser language, region or not', () => {
    expect(pickLocale(['fr-BE', 'en'])).toBe('fr');
    expect(pickLocale(['de-DE', 'fr'])).toBe('fr');
    expect(pickLocale(['en-GB'])).toBe('en');
  });
  it('falls back to English for unsupported or invalid tags', () => {
    expect(pickLocale(['de', 'x-invalid-tag-'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
});
