/** Offers text as a file download (a Blob URL, revoked right after). */
export function downloadText(filename: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Downloads a report the gateway serves under /reports (it needs the API key, so a plain link
 * would not do). Returns an error message, or undefined when the file was offered.
 */
export async function downloadReport(
  path: string,
  apiKey: string,
  filename: string,
): Promise<string | undefined> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${apiKey}` } });
  if (!response.ok) return `${response.status} ${response.statusText}`.trim();
  downloadText(
    filename,
    response.headers.get('content-type') ?? 'text/plain',
    await response.text(),
  );
  return undefined;
}
