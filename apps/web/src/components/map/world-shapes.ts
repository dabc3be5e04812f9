import { geoEqualEarth, geoPath } from 'd3-geo';
import { alpha2ToNumeric, numericToAlpha2 } from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { atlasTopology } from './atlas-data';

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 470;

/** Antarctica: no beneficiary state, and a fifth of the map's height. */
const LEFT_OUT = new Set(['010']);

/** A country of the map: its ISO 3166-1 numeric id (world-atlas's), alpha-2 code when it has one, and its outline as an SVG path. */
export interface CountryShape {
  numeric: string;
  alpha2: string | undefined;
  /** The atlas's English name, for the few shapes without an ISO code (e.g. Kosovo, N. Cyprus). */
  atlasName: string;
  d: string;
}

let shapes: Promise<CountryShape[]> | undefined;

/** The outlines, projected once (Equal Earth: areas true to size, so no country's money looks bigger for its latitude). */
export function countryShapes(): Promise<CountryShape[]> {
  shapes ??= atlasTopology()
    .then((atlas) => project(atlas as Topology<{ countries: GeometryCollection<{ name: string }> }>))
    .catch((error: unknown) => {
      shapes = undefined; // a later visit tries again
      throw error;
    });
  return shapes;
}

function project(atlas: Topology<{ countries: GeometryCollection<{ name: string }> }>): CountryShape[] {
  const collection = feature(atlas, atlas.objects.countries);
  const features = collection.features.filter((country) => !LEFT_OUT.has(String(country.id)));
  const projection = geoEqualEarth().fitSize([MAP_WIDTH, MAP_HEIGHT], { type: 'FeatureCollection', features });
  const path = geoPath(projection);
  return features.map((country) => {
    const numeric = country.id === undefined ? '' : String(country.id);
    return { numeric, alpha2: numeric ? numericToAlpha2(numeric) : undefined, atlasName: country.properties?.name ?? '', d: path(country) ?? '' };
  });
}

/** The map's id of a beneficiary state the API names by its alpha-2 code. */
export function numericOf(alpha2: string): string | undefined {
  return alpha2ToNumeric(alpha2);
}
