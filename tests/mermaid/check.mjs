// Parse each Mermaid file named on the command line with Mermaid's own
// parser, the one GitHub uses to render ```mermaid blocks. Prints one line
// per failing file and exits 1 if any fails.
import { JSDOM } from 'jsdom';
import fs from 'node:fs';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const mermaid = (await import('mermaid')).default;
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

let failed = 0;
const files = process.argv.slice(2);
for (const file of files) {
  try {
    await mermaid.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    failed += 1;
    console.log(`${file}: ${String(error.message || error).split('\n').slice(0, 4).join(' | ')}`);
  }
}
console.log(`mermaid parsed ${files.length - failed} of ${files.length} files`);
process.exit(failed ? 1 : 0);
