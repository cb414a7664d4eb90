// A new meeting invites its body's current members: choosing the body
// ticks them among the participants (the list comes from the form, see
// MeetingForm.members). Choosing another body unticks those it ticked;
// ticks made by hand stay.
(() => {
  const data = document.getElementById("body-members");
  const body = document.querySelector("select[name=body]");
  if (!data || !body) return;
  const members = JSON.parse(data.textContent);
  let ticked = new Set();
  body.addEventListener("change", () => {
    const ids = new Set(members[body.value] || []);
    const now = new Set();
    for (const box of document.querySelectorAll("input[name=participants]")) {
      if (ids.has(box.value) && !box.checked) {
        box.checked = true;
        now.add(box.value);
      } else if (ticked.has(box.value) && !ids.has(box.value)) {
        box.checked = false;
      } else if (ticked.has(box.value)) {
        now.add(box.value);
      }
    }
    ticked = now;
  });
})();
