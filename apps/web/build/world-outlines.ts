import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoEqualEarth, geoPath } from 'd3-geo';
import countries from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Plugin } from 'vite';
import { MAP_HEIGHT, MAP_WIDTH } from '../src/components/map/map-size.ts';

/** What the browser gets for each country: ISO ids, the atlas's English name, and its SVG path. */
export interface CountryOutline {
  numeric: string;
  alpha2: string | undefined;
  atlasName: string;
  d: string;
}

/** Antarctica: no beneficiary state, and a fifth of the map's height. */
const LEFT_OUT = new Set(['010']);

/**
 * The world's outlines (world-atlas 110m), projected once here (Equal Earth: areas true to
 * size, so no country's money looks bigger for its latitude) rather than in every
 * reader's browser: projecting took ~100 ms of a cold overview on this machine, and
 * d3-geo, topojson-client and the ISO code table no longer ship to the browser. Paths are
 * rounded to a tenth of a unit, invisible at any screen size the map is drawn at.
 */
export function worldOutlines(): CountryOutline[] {
  const require = createRequire(import.meta.url);
  const atlas = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const collection = feature(atlas, atlas.objects.countries);
  const features = collection.features.filter((country) => !LEFT_OUT.has(String(country.id)));
  const projection = geoEqualEarth().fitSize([MAP_WIDTH, MAP_HEIGHT], { type: 'FeatureCollection', features });
  const path = geoPath(projection).digits(1);
  return features.map((country) => {
    const numeric = country.id === undefined ? '' : String(country.id);
    return { numeric, alpha2: (numeric && countries.numericToAlpha2(numeric)) || undefined, atlasName: country.properties?.name ?? '', d: path(country) ?? '' };
  });
}

const MODULE = 'virtual:world-outlines-url';

/**
 * `import url from 'virtual:world-outlines-url'`: the address of the projected outlines,
 * a hashed JSON file under /assets in a build (fetched beside the API's answers, cached
 * apart from the scripts), a data: address under the dev server.
 */
export function worldOutlinesPlugin(): Plugin {
  let serving = false;
  return {
    name: 'portfolio-ledger:world-outlines',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    resolveId(id) {
      return id === MODULE ? `\0${MODULE}` : undefined;
    },
    load(id) {
      if (id !== `\0${MODULE}`) return undefined;
      const json = JSON.stringify(worldOutlines());
      if (serving) return `export default ${JSON.stringify(`data:application/json,${encodeURIComponent(json)}`)};`;
      const reference = this.emitFile({ type: 'asset', name: 'world-outlines.json', source: json });
      return `export default import.meta.ROLLUP_FILE_URL_${reference};`;
    },
  };
}
