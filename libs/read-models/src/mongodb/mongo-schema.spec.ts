import { MongoNetworkError, MongoServerError } from 'mongodb';
import { fromDriverError, isDuplicateKey, isSnapshotError, meansUnavailable, MongoUnavailableError } from './mongo-errors.js';
import { assertSupported, INDEXES, redactedUrl, SORTED_FIELDS } from './mongo-schema.js';
import { CHECKPOINTS, DOCUMENTS, GENERATIONS } from './stored-documents.js';

const serverError = (code: number) => new MongoServerError({ message: `code ${code}`, code, ok: 0 });

describe('the MongoDB read store schema', () => {
  it('indexes each sorted field of a collection over that collection only, ties by key', () => {
    const indexes = INDEXES[DOCUMENTS]!;

    expect(indexes[0]).toEqual({
      key: { projection: 1, generation: 1, collection: 1, key: 1 },
      name: 'document_ref',
      unique: true,
    });
    expect(indexes).toContainEqual({
      key: { projection: 1, generation: 1, collection: 1, 'doc.awaitingSince': 1, key: 1 },
      name: 'projects_awaitingSince',
      partialFilterExpression: { collection: 'projects' },
    });
    expect(indexes).toContainEqual({
      key: { projection: 1, generation: 1, collection: 1, 'doc.feedOrder': 1, key: 1 },
      name: 'audit-entries_feedOrder',
      partialFilterExpression: { collection: 'audit-entries' },
    });
    const fields = Object.values(SORTED_FIELDS).flat();
    expect(indexes).toHaveLength(1 + fields.length);
    expect(new Set(indexes.map((index) => index.name)).size).toBe(indexes.length);
    for (const field of ['status', 'year', 'region', 'fundingLine', 'thematicArea', 'awaitingSince']) {
      expect(SORTED_FIELDS['projects']).toContain(field);
    }
    for (const field of ['feedOrder', 'recordedAt', 'actorId', 'type', 'subjectId']) {
      expect(SORTED_FIELDS['audit-entries']).toContain(field);
    }
    expect(Object.keys(INDEXES).sort()).toEqual([CHECKPOINTS, GENERATIONS, DOCUMENTS].sort());
  });

  describe('the servers it works on', () => {
    const replicaSet = { setName: 'rs0', maxWireVersion: 21, logicalSessionTimeoutMinutes: 30 };

    it('accepts a replica set or a sharded cluster of 5.0 or later', () => {
      expect(() => assertSupported(replicaSet, 'h')).not.toThrow();
      expect(() => assertSupported({ msg: 'isdbgrid', maxWireVersion: 13, logicalSessionTimeoutMinutes: 30 }, 'h')).not.toThrow();
    });

    it('refuses a standalone server, saying how to make it a replica set', () => {
      expect(() => assertSupported({ maxWireVersion: 21, logicalSessionTimeoutMinutes: 30 }, 'mongodb://h:27017')).toThrow(
        /mongodb:\/\/h:27017 is a standalone server.*--replSet rs0, then run rs.initiate\(\)/,
      );
    });

    it('refuses a server older than 5.0, or without sessions', () => {
      expect(() => assertSupported({ ...replicaSet, maxWireVersion: 12 }, 'h')).toThrow(/older than 5.0/);
      expect(() => assertSupported({ ...replicaSet, logicalSessionTimeoutMinutes: null }, 'h')).toThrow(/sessions/);
    });

    it('never names credentials in messages', () => {
      expect(redactedUrl('mongodb://user:secret@h1:27017,h2/?replicaSet=rs0')).toBe('mongodb://***@h1:27017,h2/?replicaSet=rs0');
      expect(redactedUrl('mongodb+srv://u:p@cluster.example/db')).toBe('mongodb+srv://***@cluster.example/db');
      expect(redactedUrl('mongodb://h:27017/?replicaSet=rs0')).toBe('mongodb://h:27017/?replicaSet=rs0');
    });
  });

  describe('errors', () => {
    it('tells "MongoDB cannot be reached" from a bad request', () => {
      expect(meansUnavailable(new MongoNetworkError('connection reset'))).toBe(true);
      for (const code of [91, 189, 10107, 11600, 11602, 13435, 13436]) expect(meansUnavailable(serverError(code))).toBe(true);
      expect(meansUnavailable(serverError(2))).toBe(false); // BadValue
      expect(meansUnavailable(serverError(11000))).toBe(false);
      expect(meansUnavailable(new RangeError('bad path'))).toBe(false);
    });

    it('wraps the first as MongoUnavailableError, keeping the cause, and passes the rest on', () => {
      const lost = new MongoNetworkError('connection reset');
      const wrapped = fromDriverError(lost);
      expect(wrapped).toBeInstanceOf(MongoUnavailableError);
      expect((wrapped as Error).message).toMatch(/connection reset/);
      expect((wrapped as Error).cause).toBe(lost);

      const bad = serverError(2);
      expect(fromDriverError(bad)).toBe(bad);
      const already = new MongoUnavailableError('closed');
      expect(fromDriverError(already)).toBe(already);
    });

    it('knows duplicate keys and lost snapshots', () => {
      expect(isDuplicateKey(serverError(11000))).toBe(true);
      expect(isDuplicateKey(serverError(112))).toBe(false);
      expect(isSnapshotError(serverError(246))).toBe(true);
      expect(isSnapshotError(serverError(239))).toBe(true);
      expect(isSnapshotError(serverError(112))).toBe(false);
    });
  });
});
