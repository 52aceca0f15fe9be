// node-x12 parse of the same files RevenueCycle's X12 benchmark reads: whole-file parse into node-x12's model.
const { X12Parser } = require('node-x12');
const fs = require('fs');
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  const mb = Buffer.byteLength(text) / 1048576;
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const parser = new X12Parser(true);
    const start = process.hrtime.bigint();
    const interchange = parser.parse(text);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (!interchange) throw new Error('no result');
    best = Math.min(best, seconds);
  }
  console.log(JSON.stringify({ file, megabytes: +mb.toFixed(1), seconds: +best.toFixed(2), mb_per_s: +(mb / best).toFixed(1), peak_rss_mb: +(process.memoryUsage().rss / 1048576).toFixed(0) }));
}
