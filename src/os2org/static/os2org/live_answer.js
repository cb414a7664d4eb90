// Asking the server as a reader types (the page editor's preview, the
// schedule's next dates): after a short pause since the last change, and
// showing only the newest answer, since an older one may arrive after it.
// Loaded before the scripts that use it; they work without it as pages do.
window.os2orgLiveAnswer = (request, show, pause) => {
  let timer = null;
  let asked = 0;
  const now = () => {
    const number = ++asked;
    request()
      .then((response) => response.json())
      .then((answer) => {
        if (number === asked) show(answer);
      })
      .catch(() => {});
  };
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(now, pause);
  };
  return { now, soon };
};
