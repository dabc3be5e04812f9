import type { OutputBundle, OutputChunk } from 'rolldown';
import type { HtmlTagDescriptor, Plugin } from 'vite';

/**
 * Adds `<link rel="modulepreload">` to index.html for a lazy route's chunk and every chunk it
 * imports, so the browser fetches and compiles them beside the entry's instead of after the
 * entry has run and the router asked for the route (on a cold overview at 40 projects under
 * load the route's chunks were requested at ~410 ms, once the entry had run). Meant for the
 * page most readers open first, the overview (`/`): another deep link fetches its few kB too.
 */
export function preloadFirstRoutePlugin(routeModule: string): Plugin {
  return {
    name: 'portfolio-ledger:preload-first-route',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle as OutputBundle | undefined;
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((output): output is OutputChunk => output.type === 'chunk');
        const route = chunks.find((chunk) => chunk.facadeModuleId?.replaceAll('\\', '/').endsWith(routeModule));
        if (!route) throw new Error(`preload-first-route: no chunk for ${routeModule}`);
        const wanted = new Set<string>();
        const visit = (fileName: string) => {
          if (wanted.has(fileName)) return;
          wanted.add(fileName);
          const chunk = bundle[fileName];
          if (chunk?.type === 'chunk') for (const imported of chunk.imports) visit(imported);
        };
        visit(route.fileName);
        // index.html names assets from the site's root (vite.config.ts: base '/').
        const base = '/';
        const tags: HtmlTagDescriptor[] = [...wanted]
          .filter((fileName) => !html.includes(`${base}${fileName}"`))
          .map((fileName) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${fileName}` }, injectTo: 'head' }));
        return { html, tags };
      },
    },
  };
}
