// What it costs the API's thread to receive a result from PGlite's worker, two ways:
// (A) rows, structured-cloned (the worker parses; the API thread deserialises);
// (B) the raw protocol bytes (transferred; the API thread parses them into rows, as PGlite's JS does).
// Run from the repository: `node bench/pglite-transfer.mjs` (figures in docs/adr/0026).
import { PGlite, protocol } from '@electric-sql/pglite';
import { serialize, deserialize } from 'node:v8';
const db = await PGlite.create();
await db.exec(`CREATE TABLE docs (key text PRIMARY KEY, doc jsonb NOT NULL, position bigint, at timestamptz)`);
const doc = (i) => ({ projectId: `PO.${i}`, title: `Project ${i} on labour migration in the region`, status: 'active', fundingLine: 1,
  coverage: 'national', beneficiaryStates: [{ code: 'KG', name: 'Kyrgyzstan' }], budget: { staffAndOfficeCosts: '10000.00', operationalCosts: '50000.00', total: '60000.00' },
  disbursed: '1500.00', approvedOn: '2026-03-05', thematicArea: 'labour-migration', history: Array.from({ length: 6 }, (_, k) => ({ type: 'Step' + k, on: '2026-01-0' + (k + 1), by: 'someone' })) });
for (let i = 0; i < 100; i++) await db.query('INSERT INTO docs VALUES ($1, $2, $3, now())', [`p${i}`, doc(i), i]);
const cases = {
  'one small row (an append\'s answer)': ['SELECT key, position, at FROM docs WHERE key = $1', ['p7']],
  '100 documents of ~0.9 KB (a page)': ['SELECT key, doc, position, at FROM docs WHERE position < $1 ORDER BY key', [100]],
};
const raw = (sql, params) => {
  const parts = [protocol.serialize.parse({ text: sql, types: [] }), protocol.serialize.bind({ values: params.map(String) }),
    protocol.serialize.describe({ type: 'P' }), protocol.serialize.execute({}), protocol.serialize.sync()];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0)); let o = 0; for (const p of parts) { out.set(p, o); o += p.length; } return out;
};
const N = 3000;
const time = async (f) => { for (let i = 0; i < 200; i++) await f(); const t = process.hrtime.bigint(); for (let i = 0; i < N; i++) await f(); return Number(process.hrtime.bigint() - t) / N / 1000; };
for (const [name, [sql, params]] of Object.entries(cases)) {
  const rows = (await db.query(sql, params)).rows;
  const cloned = serialize(rows);
  const message = raw(sql, params);
  const bytes = await db.execProtocolRaw(message);
  const whole = await time(() => db.query(sql, params));
  const engine = await time(() => db.execProtocolRaw(raw(sql, params)));
  const cloneOut = await time(() => serialize(rows));
  const cloneIn = await time(() => deserialize(cloned));
  console.log(JSON.stringify({ case: name, rows: rows.length, cloneBytes: cloned.length, protocolBytes: bytes.length,
    queryUs: +whole.toFixed(1), engineOnlyUs: +engine.toFixed(1), protocolJsUs: +(whole - engine).toFixed(1),
    cloneSerialiseUs: +cloneOut.toFixed(1), cloneDeserialiseUs: +cloneIn.toFixed(1) }));
}
await db.close();
