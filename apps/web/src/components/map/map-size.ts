/** The map's drawing size (SVG user units); the outlines are projected for it at build time. */
export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 470;
