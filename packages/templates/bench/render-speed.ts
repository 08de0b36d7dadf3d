/**
 * How fast content renders per contact once compiled (not a test: run it by hand).
 *   npx tsx packages/templates/bench/render-speed.ts [emails=200000] [letters=5000]
 * Prints: MJML compile time per variant, email/SMS renders per second, what re-parsing per send would cost,
 * and the letter batch speed with the process's peak memory at a quarter and at the end of the batch.
 */
import { createWriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { compileEmail, renderEmail } from '../src/email';
import { compileLetter, type LetterRecipient } from '../src/letter';
import { renderLettersBatch } from '../src/letters-batch';
import { compileTemplate, EXAMPLE_VALUES, type MergeValues, render } from '../src/merge-fields';
import { compileSms, renderSms } from '../src/sms';
import { winBack } from '../src/starter-templates/win-back';

const emails = Number(process.argv[2] ?? 200_000);
const letters = Number(process.argv[3] ?? 5_000);

const contacts: MergeValues[] = Array.from({ length: 1000 }, (_, i) => ({
  ...EXAMPLE_VALUES,
  firstName: i % 7 === 0 ? '' : `Prénom${i}`,
  lastName: `Nom <${i}> & fils`,
  trackingCode: `RL${i.toString(36).toUpperCase().padStart(6, '0')}`,
  trackingUrl: `https://r.relance.fr/c/RL${i}`,
  unsubscribeUrl: `https://r.relance.fr/u/RL${i}`,
}));

function timed<T>(label: string, count: number, fn: () => T): T {
  const start = performance.now();
  const result = fn();
  const ms = performance.now() - start;
  console.log(
    `${label.padEnd(44)} ${count.toLocaleString('en').padStart(9)} in ${ms.toFixed(0).padStart(6)} ms = ${Math.round(
      (count * 1000) / ms,
    )
      .toLocaleString('en')
      .padStart(10)}/s`,
  );
  return result;
}

let t0 = performance.now();
const email = await compileEmail(winBack);
console.log(`MJML compile (win-back starter, first call, cold)  ${(performance.now() - t0).toFixed(0)} ms`);
t0 = performance.now();
for (let i = 0; i < 20; i++) await compileEmail(winBack);
console.log(
  `MJML compile (win-back starter, warm, mean of 20)  ${((performance.now() - t0) / 20).toFixed(1)} ms`,
);
const sample = renderEmail(email, contacts[1]!);
console.log(`email size: html ${sample.html.length} chars, text ${sample.text.length} chars\n`);

let bytes = 0;
timed('email render (subject + html + text)', emails, () => {
  for (let i = 0; i < emails; i++) {
    const out = renderEmail(email, contacts[i % 1000]!);
    // byte length flattens V8's concatenated strings, as writing the message to the SMTP socket would
    bytes += Buffer.byteLength(out.html) + Buffer.byteLength(out.text);
  }
});
const sms = compileSms({
  text: '{{firstName|Bonjour}}, -20% chez nous avec le code {{trackingCode}} : {{trackingUrl}} STOP au 36180',
  senderName: 'MARTIN',
});
timed('SMS render', 1_000_000, () => {
  for (let i = 0; i < 1_000_000; i++) bytes += Buffer.byteLength(renderSms(sms, contacts[i % 1000]!));
});
const htmlSource = email.html.statics.join('{{firstName}}');
const reparsed = Math.min(emails, 20_000);
timed('for comparison: re-parse the HTML every send', reparsed, () => {
  for (let i = 0; i < reparsed; i++)
    bytes += Buffer.byteLength(render(compileTemplate(htmlSource), contacts[i % 1000]!, { escape: 'html' }));
});

const letter = compileLetter({
  sender: { name: 'Boulangerie Martin', addressLines: ['8 place Bellecour', '69002 Lyon'] },
  place: 'Lyon',
  hook: '{{civility|Madame, Monsieur}}, votre pain du dimanche nous manque !',
  body: 'Depuis le {{lastOrderDate}}, nous avons pensé à vous.\n\nVotre offre : {{offer}} jusqu’au {{offerEndDate}}.\n\nÀ très bientôt,',
  footer: 'Boulangerie Martin SARL — RCS Lyon 123 456 789',
});
let peakQuarter = 0;
let peak = 0;
async function* recipients(): AsyncGenerator<LetterRecipient> {
  for (let i = 0; i < letters; i++) {
    if (i % 250 === 0) {
      globalThis.gc?.();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      if (i <= letters / 4) peakQuarter = peak;
    }
    yield {
      address: [`Madame Claire Martin ${i}`, '12 rue des Lilas', '69003 Lyon'],
      values: contacts[i % 1000]!,
    };
  }
}
t0 = performance.now();
const out = createWriteStream('/tmp/relance-letters-bench.pdf');
const result = await renderLettersBatch(letter, recipients(), out);
const ms = performance.now() - t0;
console.log(
  `\nletters batch: ${result.letters} letters (${result.pages} pages) in ${ms.toFixed(0)} ms = ${Math.round((result.letters * 1000) / ms)}/s, file ${(out.bytesWritten / 1e6).toFixed(1)} MB`,
);
console.log(
  `peak JS heap${globalThis.gc ? ' after GC' : ' (run with --expose-gc for after-GC figures)'}: ${(peakQuarter / 1e6).toFixed(0)} MB after a quarter, ${(peak / 1e6).toFixed(0)} MB at the end; RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
);
if (bytes < 0) console.log(bytes); // keep the renders from being optimised away
