import { NodeFS } from '@electric-sql/pglite/nodefs';

/** Permission bits of the group and of others: what no file of the data directory may have. */
export const GROUP_AND_OTHER_BITS = 0o077;

interface EmscriptenFs {
  mknod(path: string, mode: number, dev: number): unknown;
  chmod(path: unknown, mode: number, dontFollow?: boolean): void;
}

/**
 * PGlite's Node filesystem, creating every file and directory readable and writable by
 * this process's user only. A process umask cannot do it: Emscripten creates a file and
 * then chmods it to the mode PostgreSQL asked for (0666 for most), past the umask — which
 * is how 968 of 1,021 files of a data directory came to be 0666. So its two calls that set
 * a mode lose the group and other bits here, before they reach the disk.
 */
export class OwnerOnlyNodeFS extends NodeFS {
  override async init(...args: Parameters<NodeFS['init']>): ReturnType<NodeFS['init']> {
    const { emscriptenOpts } = await super.init(...args);
    const ownerOnly = (module: object) => {
      const fs = (module as unknown as { FS: EmscriptenFs }).FS;
      const mknod = fs.mknod.bind(fs);
      const chmod = fs.chmod.bind(fs);
      fs.mknod = (path, mode, dev) => mknod(path, mode & ~GROUP_AND_OTHER_BITS, dev);
      fs.chmod = (path, mode, dontFollow) => chmod(path, mode & ~GROUP_AND_OTHER_BITS, dontFollow);
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), ownerOnly] } };
  }
}
