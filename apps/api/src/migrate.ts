/**
 * Brings the schemas of the configured stores up to date, then exits:
 *
 *     npm run migrate
 *     EVENT_STORE=postgres READ_STORE=postgres DATABASE_URL=postgres://… npm run migrate
 *
 * Safe to run twice, and from several processes at once (an advisory lock serialises them).
 */
import { ConfigurationError, loadConfig, openStorage } from '#runtime';

async function main(): Promise<void> {
  const config = loadConfig();
  const storage = await openStorage(config, { migrate: true });
  await storage.close();
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), message: 'schemas up to date', eventStore: config.eventStore, readStore: config.readStore })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigurationError ? error.message : ((error as Error)?.stack ?? String(error))}\n`);
  process.exit(error instanceof ConfigurationError ? 2 : 1);
});
