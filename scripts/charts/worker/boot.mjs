// A chart renderer process starts here: plain JavaScript, because it does not inherit the
// TypeScript loader its parent runs under (tsx on the command line, Vite under the tests).
// Vega, Vega-Lite and fontkit are plain JavaScript: they are loaded first, natively, because
// every module loaded after the loader is registered pays a round trip to it, and they are
// hundreds of modules; the TypeScript that follows finds them already loaded.
import 'vega';
import 'vega-lite';
import 'fontkit';
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2]);
