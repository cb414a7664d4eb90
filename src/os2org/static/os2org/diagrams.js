// Draws every ```mermaid block of a handbook page as a diagram.
/* global mermaid */
mermaid.initialize({ startOnLoad: true, securityLevel: "strict" });
