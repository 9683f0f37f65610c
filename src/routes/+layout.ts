// A single-page app: nothing renders on a server, every route is built in the browser.
export const ssr = false;
export const prerender = false;
