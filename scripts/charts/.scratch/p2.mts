import * as fontkit from 'fontkit';
for (const n of ['400-normal','400-italic','600-normal','700-normal']) {
const f = fontkit.openSync(`/work/main/node_modules/@fontsource/source-sans-3/files/source-sans-3-latin-${n}.woff2`) as fontkit.Font;
console.log(n, f.fullName, (f as any)['OS/2'].usWeightClass, f.layout('South Yorkshire PCC').advanceWidth, f.layout('AV').advanceWidth, f.glyphForCodePoint(0x41).advanceWidth+f.glyphForCodePoint(0x56).advanceWidth, f.layout('0123456789').advanceWidth, f.ascent, f.descent, f.capHeight, f.xHeight);
}
