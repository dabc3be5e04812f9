import type { OutputAsset, OutputBundle, OutputChunk } from 'rolldown';
import type { HtmlTagDescriptor, Plugin } from 'vite';

/**
 * Adds to index.html what the page most readers open first, the overview (`/`), waits for,
 * so the browser fetches it beside the entry's chunks instead of after the entry has run:
 * - `<link rel="modulepreload">` for each module named and every chunk it imports: the
 *   overview's route chunk (on a cold load of the demo under load it was requested at
 *   ~410 ms, once the entry had run) and English words, which i18n.ts loads first whatever
 *   the reader's language (it lists the namespaces from them, and English is the fallback);
 * - `<link rel="preload" as="fetch">` for each asset named: the map's outlines, fetched by
 *   atlas-data.ts with the same mode and credentials, so the preloaded answer is the one used.
 * index.html is the same for every page, so another deep link fetches these too (the
 * overview's chunks are a few kB; the outlines 40 kB gzip).
 */
export function preloadFirstRoutePlugin(options: { modules: readonly string[]; assets: readonly string[] }): Plugin {
  return {
    name: 'portfolio-ledger:preload-first-route',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle as OutputBundle | undefined;
        if (!bundle) return html;
        const outputs = Object.values(bundle);
        const chunks = outputs.filter((output): output is OutputChunk => output.type === 'chunk');
        const wanted = new Set<string>();
        const visit = (fileName: string) => {
          if (wanted.has(fileName)) return;
          wanted.add(fileName);
          const chunk = bundle[fileName];
          if (chunk?.type === 'chunk') for (const imported of chunk.imports) visit(imported);
        };
        for (const module of options.modules) {
          const chunk = chunks.find((candidate) => candidate.facadeModuleId?.replaceAll('\\', '/').endsWith(module));
          if (!chunk) throw new Error(`preload-first-route: no chunk for ${module}`);
          visit(chunk.fileName);
        }
        const assets = options.assets.map((name) => {
          const asset = outputs.find((output): output is OutputAsset => output.type === 'asset' && (output.names ?? []).includes(name));
          if (!asset) throw new Error(`preload-first-route: no asset named ${name}`);
          return asset.fileName;
        });
        // index.html names files from the site's root (vite.config.ts: base '/').
        const tags: HtmlTagDescriptor[] = [
          ...[...wanted]
            .filter((fileName) => !html.includes(`/${fileName}"`))
            .map((fileName): HtmlTagDescriptor => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${fileName}` }, injectTo: 'head' })),
          ...assets.map((fileName): HtmlTagDescriptor => ({ tag: 'link', attrs: { rel: 'preload', as: 'fetch', crossorigin: true, href: `/${fileName}` }, injectTo: 'head' })),
        ];
        return { html, tags };
      },
    },
  };
}
