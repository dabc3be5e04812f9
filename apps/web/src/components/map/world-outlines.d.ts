/** The projected outlines' address (apps/web/build/world-outlines.ts). */
declare module 'virtual:world-outlines-url' {
  const url: string;
  export default url;
}
