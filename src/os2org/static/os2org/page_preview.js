// The page editor's live preview: the page as it would show, asked of the
// server (handbook.views.page_preview) so that it is rendered and sanitised
// exactly as a saved page is, with the errors a save would give.
// Without this script the editor works as before; the saved page shows the result.
(() => {
  const form = document.querySelector("form.page-form");
  const preview = document.getElementById("page-preview");
  if (!form || !preview) return;
  const source = form.querySelector("textarea[name=source]");
  const errors = preview.querySelector("[data-preview-errors]");
  const body = preview.querySelector("[data-preview-html]");
  const token = form.querySelector("input[name=csrfmiddlewaretoken]");
  let timer = null;
  let asked = 0;
  const ask = () => {
    const data = new FormData();
    data.append("source", source.value);
    const number = ++asked;
    fetch(preview.dataset.address, {
      method: "POST",
      body: data,
      headers: { Accept: "application/json", "X-CSRFToken": token ? token.value : "" },
      credentials: "same-origin",
    })
      .then((response) => response.json())
      .then((answer) => {
        if (number !== asked) return;
        errors.replaceChildren();
        if (answer.errors.length) {
          const list = document.createElement("ul");
          for (const message of answer.errors) {
            const item = document.createElement("li");
            item.textContent = message;
            list.append(item);
          }
          errors.append(list);
        }
        // The server's sanitising renderer made this HTML, as it makes every saved page's.
        body.innerHTML = answer.html;
      })
      .catch(() => {});
  };
  source.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 400);
  });
  preview.hidden = false;
  ask();
})();
