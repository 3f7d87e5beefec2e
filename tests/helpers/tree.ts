/** Every file, folder and link under a folder, with its content: to prove that nothing changed. */
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';

export async function tree(dir: string): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  const links: string[] = [];
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    // What lies behind a link is listed where it really is, not again through the link.
    if (links.some((link) => name.startsWith(link + path.sep))) continue;
    const file = path.join(dir, name);
    const info = await lstat(file);
    if (info.isSymbolicLink()) links.push(name);
    if (info.isSymbolicLink()) found[name] = `-> ${await readlink(file)}`;
    else if (info.isFile()) found[name] = (await readFile(file)).toString('base64');
    else found[name] = info.isDirectory() ? 'dir' : 'other';
  }
  return found;
}
