// Where next.config.ts rewrites "/": a path with a parameter (app/home/[view]), so Next renders the home page on its first visit instead of at build time.
export const HOME_VIEW = "shop";
export const HOME_PAGE_PATH = `/home/${HOME_VIEW}`;
