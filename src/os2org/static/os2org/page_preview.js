// The page editor's live preview: the page as it would show, asked of the
// server (handbook.views.page_preview) so that it is rendered and sanitised
// exactly as a saved page is, with the errors a save would give.
// Without this script the editor works as before; the saved page shows the result.
(() => {
  const form = document.querySelector("form.page-form");
  const preview = document.getElementById("page-preview");
  if (!form || !preview || !window.os2orgLiveAnswer) return;
  const source = form.querySelector("textarea[name=source]");
  const errors = preview.querySelector("[data-preview-errors]");
  const body = preview.querySelector("[data-preview-html]");
  const token = form.querySelector("input[name=csrfmiddlewaretoken]");
  const live = window.os2orgLiveAnswer(
    () => {
      const data = new FormData();
      data.append("source", source.value);
      return fetch(preview.dataset.address, {
        method: "POST",
        body: data,
        headers: { Accept: "application/json", "X-CSRFToken": token ? token.value : "" },
        credentials: "same-origin",
      });
    },
    (answer) => {
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
    },
    400,
  );
  source.addEventListener("input", live.soon);
  preview.hidden = false;
  live.now();
})();
