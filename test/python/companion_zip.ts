/**
 * Writes the zip the site offers ("the whole pytorch/ folder"), built by the same code the
 * build uses (src/pytorch/companion.ts), so test_companion.py can unpack and run it.
 *
 *   npx node test/python/companion_zip.ts <out.zip>
 */
import { writeFileSync } from 'node:fs';
import { companionZip } from '../../src/pytorch/companion.ts';

const out = process.argv[2];
if (!out) {
  console.error('usage: npx node test/python/companion_zip.ts <out.zip>');
  process.exit(2);
}
writeFileSync(out, companionZip());
