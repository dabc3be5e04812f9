/**
 * Verifies the whole configured event store, offline (docs/adr/0022, README "For auditors"):
 *
 *     npm run verify
 *     npm run verify -- --anchors /mnt/anchors --public-key anchor-public-key.pem
 *
 * Each break is one JSON line on stdout as it is found, then the summary; progress goes to
 * stderr. Exit code 0: intact; 1: at least one break; 2: bad configuration or arguments.
 * The embedded store is locked by a running service: stop it, or verify a copy of DATA_DIR.
 */
import { parseArgs } from 'node:util';
import { verifyStore } from '#ledger';
import { ConfigurationError, loadConfig, openStorage, readCheckpoints, readPublicKey } from '#runtime';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { anchors: { type: 'string' }, 'public-key': { type: 'string' } } });
  if ((values.anchors === undefined) !== (values['public-key'] === undefined)) {
    throw new ConfigurationError(['--anchors DIR and --public-key FILE go together: checkpoints are only worth their signature']);
  }
  const config = loadConfig();
  const anchors = values.anchors === undefined ? undefined : await readCheckpoints(values.anchors, await readPublicKey(values['public-key']!));
  const storage = await openStorage(config, { migrate: false });
  try {
    if (!storage.audit) throw new ConfigurationError([`EVENT_STORE=${config.eventStore}: verification reads the SQL event stores (embedded, postgres); see README "For auditors"`]);
    let lastProgress = 0;
    const summary = await verifyStore(storage.audit, {
      ...(anchors ? { anchors } : {}),
      onBreak: (found) => process.stdout.write(`${JSON.stringify({ break: found })}\n`),
      onProgress: (progress) => {
        if (Date.now() - lastProgress < 1_000 && progress.done !== progress.of) return;
        lastProgress = Date.now();
        process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), message: 'verifying', ...progress })}\n`);
      },
    });
    process.stdout.write(`${JSON.stringify({ summary })}\n`);
    return summary.intact ? 0 : 1;
  } finally {
    await storage.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigurationError ? error.message : ((error as Error)?.stack ?? String(error))}\n`);
    process.exit(2);
  },
);
