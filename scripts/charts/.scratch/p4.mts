import { compile } from 'vega-lite';
import { readFileSync } from 'node:fs';
const spec = JSON.parse(readFileSync('templates/charts/bar.vl.json', 'utf8'));
spec.datasets = { table: [{category: 'a', categoryIndex: 0, value: 3, label: '3'}] };
const vg: any = compile(spec).spec;
console.log(JSON.stringify(vg.scales, null, 1));
console.log(JSON.stringify(vg.data.map((d: any) => ({name: d.name, source: d.source, tf: d.transform?.map((t: any) => t.type)}))));
