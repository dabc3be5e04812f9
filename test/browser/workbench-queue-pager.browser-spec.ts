import { comparePositions, formatPosition, parsePosition, type GlobalPosition } from '#event-store';
import { nationalProposal } from '../support/fixtures.js';
import { submitted, type Cast } from '../support/journeys.js';
import { describeViolations, seriousViolations } from './support/axe.js';
import { Portal, pageErrors } from './support/portal.js';
import { signIn } from './support/sign-in.js';

/**
 * The approval queue shows a hundred items at a time (the API's largest page) and the next
 * hundred on request, following the API's cursor: nothing waiting is out of an approver's
 * reach, in the API's order (oldest first) across pages.
 */
describe('the approval queue\'s pages (browser)', () => {
  let portal: Portal;
  let cast: Cast;
  /** The last submission's position: the queue read at it lists all the proposals. */
  let lastSubmission: GlobalPosition;
  const WAITING = 103;

  beforeAll(async () => {
    portal = await Portal.start({ demo: false });
    const as = portal.service.as.bind(portal.service);
    cast = { admin: await as('ada', 'admin'), fundManager: await as('fatima', 'fund-manager'), approver: await as('arturo', 'approver'), secondApprover: await as('bintou', 'approver') };
    // 103 submitted proposals, four at a time: more than one page of the queue.
    const proposals = Array.from({ length: WAITING }, () => nationalProposal());
    for (let start = 0; start < proposals.length; start += 4) {
      for (const { position } of await Promise.all(proposals.slice(start, start + 4).map((proposal) => submitted(cast, proposal)))) {
        const at = parsePosition(position)!;
        if (lastSubmission === undefined || comparePositions(at, lastSubmission) > 0) lastSubmission = at;
      }
    }
  });

  afterAll(async () => {
    await portal?.stop();
  });

  it('shows the first 100, then the rest on request, in the API\'s order', async () => {
    const order: string[] = [];
    let cursor: string | null = null;
    do {
      const reply: { status: number; body: { items: { projectId: string }[]; nextCursor: string | null } } = await cast.approver.get(
        `/approval-queue?kind=endorsement&limit=100&minPosition=${formatPosition(lastSubmission)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(reply.status).toBe(200);
      order.push(...reply.body.items.map((item) => item.projectId));
      cursor = reply.body.nextCursor;
    } while (cursor);
    expect(order).toHaveLength(WAITING);

    const page = await signIn(portal, '/workbench/approvals?kind=endorsement', 'arturo', 'approver');
    const items = page.locator('li.queue-item');
    await items.first().waitFor();
    const shown = () => items.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-project-id')));
    expect(await shown()).toEqual(order.slice(0, 100));
    await page.locator('.queue-pager').getByText('The oldest 100 shown; more are waiting.').waitFor();
    await page.getByRole('button', { name: 'Show the next 100' }).click();
    await page.locator('.queue-pager').getByText(`${WAITING} waiting, all shown.`).waitFor();
    expect(await shown()).toEqual(order);
    expect(await page.getByRole('button', { name: 'Show the next 100' }).count()).toBe(0);
    expect(describeViolations(await seriousViolations(page))).toBe('');
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });
});
