/**
 * Remote or local: the one test every media step agrees on. Kept apart from
 * the loader so the render layer can use it without the file system.
 *
 * @module
 */

/** Whether `src` points elsewhere than the local disk (never downloaded). */
export function isRemote(src: string): boolean {
  // One letter before the colon is a Windows drive (`C:/x.png`), not a scheme.
  return /^[a-z][a-z\d+.-]+:/i.test(src) || src.startsWith('//')
}
