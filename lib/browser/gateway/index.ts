/**
 * Where the dApp is served from: at a domain's root, or under an IPFS path gateway (`/ipfs/<cid>/`). Every page's
 * links use this (app/_components/SiteLink.tsx), so it imports nothing: the IPFS code (lib/browser/ipfs) stays out
 * of every page's first load.
 */
/** The path of the export's root under a path gateway (`/ipfs/<cid>` or `/ipns/<name>`), or undefined at a root. */
export function gatewayRoot(pathname: string): string | undefined {
  return /^\/ip[fn]s\/[^/]+/.exec(pathname)?.[0];
}

/**
 * The href of one of the dApp's pages (`/`, `/verify`, `/garage`…, optionally with `?query`) from a page at
 * `pathname`. At a domain's root the route itself; under a path gateway the page's file inside the export
 * (`/ipfs/<cid>/verify.html`), because a gateway serves files, not Next's routes, and the root is not the dApp's.
 */
export function pageHref(route: string, pathname: string): string {
  const root = gatewayRoot(pathname);
  if (root === undefined) return route;
  const [path, query] = route.split(/(?=[?#])/, 2);
  const file = path === '/' ? '/' : `${path.replace(/\/$/, '')}.html`;
  return `${root}${file}${query ?? ''}`;
}
