// The activity form shows only the fields of the schedule chosen, and a
// live preview of its dates, asked of the server (views.cycle.activity_preview)
// so that the words and dates are the ones the activity's page will show.
// Without this script every field is shown, and the page after saving shows the dates.
(() => {
  const form = document.querySelector("form.cycle-form");
  const preview = document.getElementById("schedule-preview");
  if (!form || !preview || !window.os2orgLiveAnswer) return;
  const shows = {
    "group-monthly": ["monthly", "weekday"],
    "group-dates": ["dates", "custom"],
    "group-custom": ["custom"],
    "field-ordinal": ["weekday"],
    "field-weekday": ["weekday"],
    "field-until": ["yearly", "monthly", "weekday"],
    "field-starts": ["once", "yearly", "monthly", "weekday", "custom"],
  };
  const chosen = () => (form.querySelector("input[name=schedule]:checked") || {}).value;
  const arrange = () => {
    const schedule = chosen();
    for (const [id, schedules] of Object.entries(shows)) {
      const part = document.getElementById(id);
      if (part) part.hidden = schedule !== undefined && !schedules.includes(schedule);
    }
  };
  const status = preview.querySelector("[data-preview-text]");
  const list = preview.querySelector("ol");
  const live = window.os2orgLiveAnswer(
    () => {
      const query = new URLSearchParams();
      for (const [name, value] of new FormData(form)) {
        if (name !== "csrfmiddlewaretoken" && name !== "revision") query.append(name, value);
      }
      return fetch(`${preview.dataset.address}?${query}`, { headers: { Accept: "application/json" } });
    },
    (answer) => {
      list.replaceChildren();
      if (answer.errors) {
        status.textContent = answer.errors.join(" ");
        return;
      }
      status.textContent = answer.schedule;
      for (const day of answer.dates) {
        const item = document.createElement("li");
        item.textContent = day;
        list.append(item);
      }
    },
    300,
  );
  const changed = () => {
    arrange();
    live.soon();
  };
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  preview.hidden = false;
  arrange();
  live.now();
})();
