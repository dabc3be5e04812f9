import { useSearchParams } from 'react-router';
import { MEASURES, type Measure } from '../../api/funding-summary';
import { useChangeSearch } from '../../components/filters/address';

/**
 * The amount the map and the charts show (`?measure=disbursed`), in the address like the
 * filters, so a shared link shows the same picture. An unknown value is reported, and the
 * budget shown meanwhile.
 */
export function useMeasureParam(): { measure: Measure; unknown: string | undefined; setMeasure(measure: Measure): void } {
  const [params] = useSearchParams();
  const setParams = useChangeSearch();
  const asked = params.get('measure');
  const known = (MEASURES as readonly string[]).includes(asked ?? '');
  return {
    measure: known ? (asked as Measure) : 'budget',
    unknown: asked !== null && !known ? asked : undefined,
    setMeasure: (measure) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (measure === 'budget') next.delete('measure');
          else next.set('measure', measure);
          return next;
        },
        { replace: true },
      ),
  };
}
