import { DeciderSpecification } from '../../testing/decider-specification.js';
import type { CommandContext } from '../../shared/actor.js';
import { primaRegistryDecider } from './prima-registry-decider.js';
import { primaIdStreamId, type PrimaRegistryCommand, type PrimaRegistryEvent } from './prima-registry-messages.js';

const spec = DeciderSpecification.for(primaRegistryDecider);
const context: CommandContext = { actor: { id: 'fm', role: 'fund-manager' }, at: '2019-02-01T12:00:00.000Z' };

const claim = (projectId: string, primaId = 'KG10P0501'): PrimaRegistryCommand => ({
  type: 'ClaimPrimaId',
  data: { primaId, projectId },
  context,
});
const release = (projectId: string, reason?: string): PrimaRegistryCommand => ({
  type: 'ReleasePrimaId',
  data: { projectId },
  context,
  ...(reason === undefined ? {} : { reason }),
});
const claimed = (projectId: string): PrimaRegistryEvent => ({
  type: 'PrimaIdClaimed',
  data: { primaId: 'KG10P0501', projectId, at: context.at, effectiveOn: context.at.slice(0, 10) },
});
const released = (projectId: string): PrimaRegistryEvent => ({
  type: 'PrimaIdReleased',
  data: { primaId: 'KG10P0501', projectId, reason: 'draft failed', at: context.at, effectiveOn: context.at.slice(0, 10) },
});

describe('PRIMA id registry (rule 14)', () => {
  it('keys one stream per PRIMA id, whatever its case or surrounding spaces', () => {
    expect(primaIdStreamId('KG10P0501')).toBe('prima-id-KG10P0501');
    expect(primaIdStreamId(' kg10p0501')).toBe('prima-id-KG10P0501');
  });

  it('lets the first project claim a PRIMA id', () => {
    spec.given([]).when(claim('PO.0143')).then([claimed('PO.0143')]);
  });

  it('refuses a PRIMA id that another project already uses', () => {
    const error = spec.given([claimed('PO.0143')]).when(claim('PO.0999')).thenThrows('project.prima-id-taken');
    expect(error.kind).toBe('conflict');
    expect(error.detail).toContain('PO.0143');
  });

  it('records nothing when the project that holds the id claims it again', () => {
    spec.given([claimed('PO.0143')]).when(claim('PO.0143')).then([]);
  });

  it('lets another project claim an id once it was released', () => {
    spec.given([claimed('PO.0143'), released('PO.0143')]).when(claim('PO.0999')).then([claimed('PO.0999')]);
  });

  it('releases the id when the draft that claimed it fails, saying why', () => {
    spec.given([claimed('PO.0143')]).when(release('PO.0143', 'draft failed')).then([released('PO.0143')]);
  });

  it.each([undefined, ' '])('refuses a release without a reason (%p)', (reason) => {
    spec.given([claimed('PO.0143')]).when(release('PO.0143', reason)).thenThrows('reason.required');
  });

  it('refuses a release by a project that does not hold the id', () => {
    expect(spec.given([claimed('PO.0143')]).when(release('PO.0999', 'x')).thenThrows('prima-id.not-held').kind).toBe('conflict');
    spec.given([]).when(release('PO.0143', 'x')).thenThrows('prima-id.not-held');
    spec.given([claimed('PO.0143'), released('PO.0143')]).when(release('PO.0143', 'x')).thenThrows('prima-id.not-held');
  });

  it('refuses a blank PRIMA id or project id', () => {
    const error = spec.given([]).when(claim(' ', '')).thenThrows('prima-id.invalid');
    expect(error.errors.map((e) => e.field)).toEqual(['primaId', 'projectId']);
  });
});
