/** The printed PDF as the web pages link it: known only once it is printed. */
export interface Download {
  /** The PDF's file name, beside index.html in out/. */
  file: string;
  pages: number;
  bytes: number;
}

/** A file's size as GOV.UK writes it on a download link: "640 KB", "1.2 MB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  const mb = bytes / 1_000_000;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}
