import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format/format';
import { countryOutlines, type CountryOutline } from './atlas-data';
import { MAP_HEIGHT, MAP_WIDTH } from './map-size';

export interface StateAmount {
  /** ISO 3166-1 alpha-2. */
  state: string;
  /** The API's decimal string, shown as it is; its number only decides the shade. */
  amount: string;
}

/** Light to dark: each at least 3:1 against the next-but-one, the darkest dark enough for white borders. */
const SHADES = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
const NO_MONEY = '#eef1f4';

/**
 * A world map (SVG, Equal Earth) shaded by an amount per beneficiary state, with a legend.
 * Each country's <title> gives its name and amount on hover; the svg is one image to
 * assistive technology, and the table beside it (the caller's) has every figure, the
 * `global` group and states too small for this map's scale included. Once these amounts
 * are on the map, `onDrawn(drawnAs)` says which they are (see BarChart).
 */
export function WorldMap({
  amounts,
  ariaLabel,
  drawnAs,
  onDrawn,
}: {
  amounts: readonly StateAmount[];
  ariaLabel: string;
  drawnAs?: string;
  onDrawn?: (drawnAs: string) => void;
}) {
  const { t } = useTranslation('overview');
  const format = useFormat();
  const [shapes, setShapes] = useState<CountryOutline[] | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const drawnCallback = useRef(onDrawn);
  useEffect(() => {
    drawnCallback.current = onDrawn;
  });

  useEffect(() => {
    let current = true;
    countryOutlines().then(
      (loaded) => current && setShapes(loaded),
      (error: unknown) => current && setFailure(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      current = false;
    };
  }, []);

  const byState = useMemo(() => new Map(amounts.map((entry) => [entry.state.toUpperCase(), entry])), [amounts]);
  const classes = useMemo(() => shadeClasses(amounts.map((entry) => Number(entry.amount)).filter((value) => value > 0)), [amounts]);

  // Drawn, or could not be drawn and says so: the figures are in the table beside it either way.
  useEffect(() => {
    if ((shapes || failure !== undefined) && drawnAs !== undefined) drawnCallback.current?.(drawnAs);
  }, [shapes, failure, amounts, format, drawnAs]);

  if (failure) return <p role="alert" className="problem">{t('mapFailed', { reason: failure })}</p>;
  if (!shapes) return <p role="status" className="loading">{t('mapLoading')}</p>;

  const nameOf = (shape: CountryOutline) => (shape.alpha2 ? format.country(shape.alpha2) : shape.atlasName);
  return (
    <figure className="world-map">
      <svg viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} role="img" aria-label={ariaLabel}>
        {shapes.map((shape, index) => {
          const entry = shape.alpha2 ? byState.get(shape.alpha2) : undefined;
          const value = entry ? Number(entry.amount) : 0;
          const fill = value > 0 ? SHADES[classes.classOf(value)] : NO_MONEY;
          return (
            <path key={shape.numeric || `shape-${index}`} d={shape.d} fill={fill} data-state={shape.alpha2} className={value > 0 ? 'funded' : undefined}>
              <title>{`${nameOf(shape)}: ${entry ? format.money(entry.amount) : t('noMoney')}`}</title>
            </path>
          );
        })}
      </svg>
      <figcaption>
        <ul className="map-legend" aria-label={t('legend')}>
          {classes.ranges.map(([from, to], index) => (
            <li key={index}>
              <Swatch colour={SHADES[index]!} />
              {from === to ? format.moneyShort(from) : `${format.moneyShort(from)} – ${format.moneyShort(to)}`}
            </li>
          ))}
          <li>
            <Swatch colour={NO_MONEY} />
            {t('noMoney')}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}

/**
 * Up to five shades by quantile of the amounts (each shade holds about as many states), so
 * a few large projects do not leave every other country in the lightest shade.
 */
function shadeClasses(values: number[]): { classOf(value: number): number; ranges: [number, number][] } {
  const sorted = [...values].sort((a, b) => a - b);
  const count = Math.min(SHADES.length, new Set(sorted).size);
  if (count === 0) return { classOf: () => 0, ranges: [] };
  const bounds: number[] = [];
  for (let index = 1; index < count; index += 1) bounds.push(sorted[Math.floor((index * sorted.length) / count)]!);
  const quantile = (value: number) => bounds.filter((bound) => value >= bound).length;
  const ranges: [number, number][] = [];
  for (let index = 0; index < count; index += 1) {
    const inClass = sorted.filter((value) => quantile(value) === index);
    if (inClass.length > 0) ranges.push([inClass[0]!, inClass[inClass.length - 1]!]);
  }
  // Shades follow the ranges that hold states (equal amounts can leave a quantile empty), so the legend and the map agree.
  return {
    classOf: (value) => {
      const index = ranges.findIndex(([, to]) => value <= to);
      return index === -1 ? ranges.length - 1 : index;
    },
    ranges,
  };
}

/** A legend's colour sample: an SVG square (the page's policy allows no inline style attribute). */
function Swatch({ colour }: { colour: string }) {
  return (
    <svg className="swatch" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect width="16" height="16" fill={colour} stroke="#8796a5" />
    </svg>
  );
}
