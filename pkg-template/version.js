/** The package version. */
export const version = "__VERSION__";
