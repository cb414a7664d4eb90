// Draws every ```mermaid block of a handbook page as a diagram.
/* global mermaid */
// Mermaid's default theme writes white labels on some light mind-map
// branches (contrast about 2.6:1); every branch label gets the page's ink.
const INK = "#1c2430";
const labels = {};
for (let section = 0; section < 12; section += 1) {
  labels[`cScaleLabel${section}`] = INK;
}
mermaid.initialize({ startOnLoad: true, securityLevel: "strict", themeVariables: labels });
