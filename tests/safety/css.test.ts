import { expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkCss, cssName } from '../../scripts/safety/css.ts';

const kinds = (css: string) => checkCss(css, 'plan').problems.map((p) => `${p.place.line}:${p.place.column} ${p.kind} ${p.detail}`);
const out = (css: string) => checkCss(css, 'plan').css;

test('the built-in stylesheets pass their own rules unchanged in meaning', () => {
  for (const name of ['screen', 'print', 'draft']) {
    const checked = checkCss(readFileSync(new URL(`../../templates/styles/${name}.css`, import.meta.url), 'utf8'), 'plan');
    expect(checked.problems, name).toEqual([]);
    expect(checked.css.length, name).toBeGreaterThan(100);
  }
});

test('names are read as a browser reads them: escapes decoded, case folded, vendor prefix set aside', () => {
  expect(cssName('\\69mport')).toBe('import');
  expect(cssName('U\\52 L')).toBe('url');
  expect(cssName('-webkit-Image-Set')).toBe('image-set');
  expect(cssName('--my-var')).toBe('--my-var');
});

test('an escaped @import is refused at its place and left out', () => {
  expect(kinds('p { color: red }\n@\\49 MPORT "other.css";')).toEqual(['2:1 at-rule import']);
  expect(out('p { color: red }\n@\\49 MPORT "other.css";')).toBe('p{color:red}');
});

test('url() in any spelling, inside any function, and image functions are refused with their declaration', () => {
  expect(kinds('a {\n  cursor: U\\RL(x.cur), auto;\n  color: blue;\n}')).toEqual(['2:11 function url']);
  expect(out('a {\n  cursor: U\\RL(x.cur), auto;\n  color: blue;\n}')).toBe('a{color:blue}');
  expect(kinds('a{background:cross-fade(50% "x.png", red)}')).toEqual(['1:14 function cross-fade']);
  expect(kinds('a{background:-moz-element(#b)}')).toEqual(['1:14 function element']);
  expect(kinds('a{background:src("x.png")}')).toEqual(['1:14 function src']);
  expect(kinds('a{list-style:symbols(cyclic "*")}')).toEqual(['1:14 function symbols']);
  expect(kinds('a{--logo: url(https://x.example/l.png)}')).toEqual(['1:11 url https://x.example/l.png']);
});

test('attr() may read text for generated content but never make a URL', () => {
  expect(kinds('a::after{content:attr(title)}')).toEqual([]);
  expect(kinds('a{background-image:attr(data-src url)}')).toEqual(['1:20 function attr']);
  expect(out('a{background-image:attr(data-src type(<url>))}')).toBe('a{}');
});

test('a string or selector holding </style> cannot end the style element', () => {
  const css = out('a::before { content: "</style><script>alert(1)</script>" }\n[title="</STYLE>"] { color: red }');
  expect(css).not.toMatch(/<\/style/i);
  expect(css).toContain('\\3c /style\\3e ');
  expect(checkCss('a{content:"</style>"}', 'plan').problems).toEqual([]);
});

test('what cannot be parsed is refused, with the parser\'s place, never copied through', () => {
  const checked = checkCss('p { color: red; }\n} </style><img src=x onerror=alert`1`> q { }', 'plan');
  expect(checked.problems.map((p) => `${p.place.line}:${p.place.column} ${p.kind}`)).toEqual(['2:1 syntax']);
  expect(checked.css).toBe('p{color:red}');
  expect(out('a { --x: </style><script> }')).not.toContain('<');
});

test('comments are not copied, so a comment cannot carry markup', () => {
  expect(out('/* </style><script>x</script> */ a { color: red } /*! </style> */')).toBe('a{color:red}');
  expect(out('<!-- a { color: red } -->')).toBe('a{color:red}');
});

test('the build\'s own fonts may be data: URIs; a plan\'s may not, and the build\'s CSS breaking the rules is our bug', () => {
  const font = "@font-face { font-family: X; src: url(data:font/woff2;base64,AAAA) format('woff2') }";
  expect(checkCss(font, 'build').problems).toEqual([]);
  expect(kinds(font)).toEqual(['1:35 url data:font/woff2;base64,AAAA']);
  expect(() => checkCss('a{background:url(https://x.example/)}', 'build')).toThrow(/Internal error/);
});

test('allowed CSS keeps its meaning: media ranges, @page boxes, grids, gradients', () => {
  const css = '@media (width < 40em) { a { grid-template-columns: repeat(2, minmax(0, 1fr)) } }\n@page { @top-left { content: "Plan" } }\nb { background: linear-gradient(to right, #fff, rgb(0 0 0 / 50%)) }';
  expect(kinds(css)).toEqual([]);
  expect(out(css)).toBe('@media (width<40em){a{grid-template-columns:repeat(2,minmax(0,1fr))}}@page{@top-left{content:"Plan"}}b{background:linear-gradient(to right,#fff,rgb(0 0 0/50%))}');
});
