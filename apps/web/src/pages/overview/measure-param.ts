import { useSearchParams } from 'react-router';
import { MEASURES, type Measure } from '../../api/funding-summary';
import { useChangeSearch, usePendingValue } from '../../components/filters/address';

/**
 * The amount the map and the charts show (`?measure=disbursed`), in the address like the
 * filters, so a shared link shows the same picture. An unknown value is reported, and the
 * budget shown meanwhile. A choice shows at once (the figures are on the page already);
 * the address follows in the router's transition.
 */
export function useMeasureParam(): { measure: Measure; unknown: string | undefined; setMeasure(measure: Measure): void } {
  const [params] = useSearchParams();
  const changeSearch = useChangeSearch();
  const asked = params.get('measure');
  const known = (MEASURES as readonly string[]).includes(asked ?? '');
  const [measure, show] = usePendingValue<Measure>(known ? (asked as Measure) : 'budget');
  return {
    measure,
    unknown: asked !== null && !known && measure === 'budget' ? asked : undefined,
    setMeasure: (measure) => {
      show(measure);
      changeSearch(
        (current) => {
          const next = new URLSearchParams(current);
          if (measure === 'budget') next.delete('measure');
          else next.set('measure', measure);
          return next;
        },
        { replace: true },
      );
    },
  };
}
