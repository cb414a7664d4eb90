// Det Fælles Designsystem's behaviour: the phone's menu drawer (with its focus
// trap and Escape), and the error summary, which takes focus on load and whose
// links move focus to their fields.
if (window.DKFDS) window.DKFDS.init();
// DKFDS names the menu's overflow "Mere" in every language; the page gives its own word.
const mainMenu = document.querySelector(".navigation-menu .site-links");
const moreButton = document.querySelector(".navigation-menu .more-button span");
if (mainMenu && moreButton) moreButton.textContent = mainMenu.dataset.more;

// On a phone the handbook's menu starts folded under "Contents", and a list's
// filters under their heading (.fold-on-phone), so that the first screen is
// the page; a wider screen shows them open. Without this script they are open everywhere.
const narrow = window.matchMedia("(max-width: 991px)");
if (narrow.matches) {
  for (const fold of document.querySelectorAll(".side-menu-fold, .fold-on-phone")) fold.open = false;
}

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

// A table wider than the page's column scrolls inside its own box, not the
// page; the box is then reachable by keyboard and named by the table's
// caption or the heading above it.
function tableName(table) {
  if (table.caption) return table.caption.textContent.trim();
  if (table.getAttribute("aria-label")) return table.getAttribute("aria-label");
  const by = document.getElementById(table.getAttribute("aria-labelledby"));
  if (by) return by.textContent.trim();
  const headings = [...document.querySelectorAll("main :is(h1, h2, h3, h4)")].filter(
    (heading) => heading.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING,
  );
  return headings.length ? headings[headings.length - 1].textContent.trim() : document.title;
}
for (const table of document.querySelectorAll("main table")) {
  const box = document.createElement("div");
  box.className = "table-scroll";
  table.replaceWith(box);
  box.append(table);
  if (box.scrollWidth > box.clientWidth) {
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", tableName(table));
  }
}
