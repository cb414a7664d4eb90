// The handbook menu folds open and shut, as just-the-docs' menu does.
// Without this script the current page's branch is open and the rest shut;
// every parent page also lists its children at its end.
document.addEventListener("click", (event) => {
  const button = event.target.closest(".nav-list-expander");
  if (!button) return;
  const list = document.getElementById(button.getAttribute("aria-controls"));
  const open = button.getAttribute("aria-expanded") !== "true";
  button.setAttribute("aria-expanded", String(open));
  list.hidden = !open;
});
