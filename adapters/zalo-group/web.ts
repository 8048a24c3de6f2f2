/**
 * zca-js reaches Zalo's sign-in and QR hosts at fixed addresses (platforms.md §2). With a base set
 * (ZALO_WEB_BASE, tests only) those requests go there instead; anything else is left alone.
 */
export function zaloFetch(webBase: string | null): typeof fetch {
  if (!webBase) return fetch;
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.protocol !== 'https:' || !/(^|\.)zalo\.me$/.test(url.hostname)) return fetch(input, init);
    return fetch(`${webBase}${url.pathname}${url.search}`, init);
  };
}
