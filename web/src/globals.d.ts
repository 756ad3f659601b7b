/** The build's name (TEND_BUILD_ID, else the package version), set by web/vite.config.ts. */
declare const __TEND_BUILD__: string;
