/**
 * Finds text written straight into Svelte markup: text between tags and the values of attributes
 * a person reads or hears. Scripts, styles, comments and `{…}` expressions are skipped, so text
 * that comes from the message catalogue passes.
 */

/** Attributes whose value is shown or spoken to the user. */
const READ_ATTRIBUTES = ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label'];

/** Unit symbols read the same in every language. */
const UNITS = new Set(['ms', 's', 'px', 'B', 'kB', 'MB', 'x']);

/** True when `text` holds a word: letters that are not only a unit symbol. */
function hasWords(text: string): boolean {
  return (text.match(/\p{L}+/gu) ?? []).some((word) => !UNITS.has(word));
}

/** The source with every `{…}` (expressions, blocks, attribute values) emptied, strings inside them included. */
function withoutExpressions(source: string): string {
  let out = '';
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (depth === 0) {
      if (c === '{') depth = 1;
      else out += c;
      continue;
    }
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) out += '{}';
  }
  return out;
}

/** A message looked up by a computed key, m[`layerSummaries_${kind}`]: the key is a name, not text. */
const MESSAGE_KEY = /\bm\[`[^`]*`\]/g;

/** String literals inside `attr={…}` of the read attributes, e.g. aria-label={`${id} input`}: the words outside `${…}`. */
function literalsInReadExpressions(template: string): string[] {
  const expression = new RegExp(`\\s(${READ_ATTRIBUTES.join('|')})=\\{((?:[^{}]|\\{[^{}]*\\})*)\\}`, 'g');
  const literal = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g;
  return [...template.matchAll(expression)].flatMap(([, name, code]) =>
    [...code.replace(MESSAGE_KEY, 'm[]').matchAll(literal)]
      .map(([quoted]) => quoted.slice(1, -1).replace(/\$\{[^}]*\}/g, ' ').trim())
      .filter(hasWords)
      .map((words) => `${name}={${words}}`),
  );
}

/** Literal text found in a component: read attributes written out, literals in read attributes' expressions, then text between tags. */
export function literalTexts(source: string): string[] {
  const template = source
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/&#?\w+;/g, ' ');
  const markup = withoutExpressions(template);
  const attribute = new RegExp(`\\s(${READ_ATTRIBUTES.join('|')})="([^"]*)"`, 'g');
  const text = />([^<>]*)</g;
  return [
    ...[...markup.matchAll(attribute)].filter(([, , value]) => hasWords(value)).map(([, name, value]) => `${name}="${value}"`),
    ...literalsInReadExpressions(template),
    ...[...markup.matchAll(text)].filter(([, words]) => hasWords(words)).map(([, words]) => words.replace(/\{\}/g, ' ').trim()),
  ];
}
