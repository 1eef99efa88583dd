/** Fitting the graph never zooms past 100 %, so a small graph is not blown up. */
export const FIT_VIEW = { padding: 0.1, maxZoom: 1 } as const;
