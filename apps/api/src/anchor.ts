/**
 * Signed checkpoints of the event store (docs/adr/0022, README "For auditors"):
 *
 *     npm run anchor -- --generate-key     writes ANCHOR_PRIVATE_KEY_FILE (0600) and its public key
 *     npm run anchor                       signs a checkpoint now into ANCHOR_DIR
 *
 * The service also signs one every ANCHOR_INTERVAL. Exit code 2: bad configuration.
 */
import { parseArgs } from 'node:util';
import { anchorNow, ConfigurationError, generateAnchorKey, loadConfig, openStorage, readPrivateKey } from '#runtime';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'generate-key': { type: 'boolean' }, 'public-key': { type: 'string' } } });
  const config = loadConfig();
  if (config.anchorPrivateKeyFile === undefined) {
    throw new ConfigurationError(['ANCHOR_PRIVATE_KEY_FILE: set it to the PEM file of the Ed25519 key that signs checkpoints (npm run anchor -- --generate-key writes one)']);
  }
  if (values['generate-key']) {
    const publicFile = values['public-key'] ?? config.anchorPrivateKeyFile.replace(/(\.pem)?$/, '.pub.pem');
    await generateAnchorKey(config.anchorPrivateKeyFile, publicFile);
    process.stdout.write(`${JSON.stringify({ message: 'anchor key written', privateKey: config.anchorPrivateKeyFile, publicKey: publicFile })}\n`);
    return;
  }
  const key = await readPrivateKey(config.anchorPrivateKeyFile);
  const storage = await openStorage(config, { migrate: false });
  try {
    if (!storage.audit) throw new ConfigurationError([`EVENT_STORE=${config.eventStore}: checkpoints are signed for the SQL event stores (embedded, postgres)`]);
    const { name, checkpoint } = await anchorNow(storage.audit, key, config.anchorDir);
    process.stdout.write(`${JSON.stringify({ message: 'checkpoint signed', file: `${config.anchorDir}/${name}`, upTo: checkpoint.upTo, events: checkpoint.events })}\n`);
  } finally {
    await storage.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigurationError ? error.message : ((error as Error)?.stack ?? String(error))}\n`);
  process.exit(error instanceof ConfigurationError ? 2 : 1);
});
