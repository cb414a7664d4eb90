// Draws every ```mermaid block of a handbook page as a diagram.
/* global mermaid */
// Mermaid's default theme writes white labels on some light mind-map
// branches (contrast about 2.6:1); every branch label gets the page's ink.
const INK = "#1c2430";
const labels = {};
for (let section = 0; section < 12; section += 1) {
  labels[`cScaleLabel${section}`] = INK;
}
// The org chart page gives the association's colours (handbook.site.chart_theme),
// each fill with the text colour that reads on it; a handbook page keeps
// Mermaid's own look, as its published site draws it.
const script = document.currentScript;
const theme = script && script.dataset.theme ? JSON.parse(script.dataset.theme) : null;
mermaid.initialize({
  startOnLoad: true,
  securityLevel: "strict",
  ...(theme ? { theme: "base", themeVariables: theme } : { themeVariables: labels }),
});
