import { PersistentRecord } from './persistent-record.js';

describe('PersistentRecord', () => {
  it('never changes a record it was made from', () => {
    const empty = PersistentRecord.empty<number>();
    const one = empty.with('PO.0143', 100);
    const two = one.with('PO.0200', 50);
    const changed = two.with('PO.0143', 70);
    const removed = changed.without('PO.0200');

    expect(empty.toJSON()).toEqual({});
    expect(one.toJSON()).toEqual({ 'PO.0143': 100 });
    expect(two.toJSON()).toEqual({ 'PO.0143': 100, 'PO.0200': 50 });
    expect(changed.toJSON()).toEqual({ 'PO.0143': 70, 'PO.0200': 50 });
    expect(removed.toJSON()).toEqual({ 'PO.0143': 70 });
    expect([empty.size, one.size, two.size, changed.size, removed.size]).toEqual([0, 1, 2, 2, 1]);
  });

  it('reads keys that are names of Object.prototype as any other key', () => {
    const record = PersistentRecord.empty<number>().with('__proto__', 1).with('constructor', 2);
    expect(record.get('__proto__')).toBe(1);
    expect(record.get('constructor')).toBe(2);
    expect(record.get('toString')).toBeUndefined();
    expect(record.has('hasOwnProperty')).toBe(false);
    expect(Object.keys(record.toJSON())).toEqual(['__proto__', 'constructor']);
    expect(PersistentRecord.of(JSON.parse('{"__proto__": 3}')).get('__proto__')).toBe(3);
  });

  it('holds undefined as a value like any other', () => {
    const record = PersistentRecord.empty<number | undefined>().with('a', undefined);
    expect(record.has('a')).toBe(true);
    expect(record.size).toBe(1);
    expect(PersistentRecord.empty<number | undefined>().changedKeys(record)).toEqual(['a']);
    expect(record.changedKeys(PersistentRecord.empty())).toEqual(['a']);
  });

  it('serialises as a plain object in code-point order, and is made again from one', () => {
    const record = PersistentRecord.of({ b: 2, a: 1, Z: 0, é: 4 });
    expect(JSON.stringify(record)).toBe('{"Z":0,"a":1,"b":2,"é":4}');
    expect(PersistentRecord.of(JSON.parse(JSON.stringify(record))).toJSON()).toEqual(record.toJSON());
  });

  it('tells the keys that changed, added or removed', () => {
    let record = PersistentRecord.empty<number>();
    for (let i = 0; i < 1_000; i += 1) record = record.with(`PO.${i}`, i);
    const next = record.with('PO.7', 70).without('PO.8').with('PO.new', 1).with('PO.9', 9);
    expect(record.changedKeys(next)).toEqual(['PO.7', 'PO.8', 'PO.new']);
    expect(next.changedKeys(record)).toEqual(['PO.7', 'PO.8', 'PO.new']);
    expect(record.changedKeys(record)).toEqual([]);
    expect(record.changedKeys(PersistentRecord.of(record.toJSON()))).toEqual([]);
  });

  it('gives the same answers as a plain object through a long run of updates', () => {
    const plain = new Map<string, number>();
    let record = PersistentRecord.empty<number>();
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let step = 0; step < 5_000; step += 1) {
      const key = `P${Math.floor(random() * 300)}`;
      if (random() < 0.3) {
        plain.delete(key);
        record = record.without(key);
      } else {
        const value = Math.floor(random() * 10);
        plain.set(key, value);
        record = record.with(key, value);
      }
    }
    expect(record.size).toBe(plain.size);
    expect(record.toJSON()).toEqual(Object.fromEntries([...plain].sort(([a], [b]) => (a < b ? -1 : 1))));
    expect(new Map(record.entries())).toEqual(plain);
  });
});
