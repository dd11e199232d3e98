// The body editor's "Browse…" window: hand the chosen picture back the way the editor expects
// (the CKEditor file-browser callback that django-prose-editor listens for), then close.
document.addEventListener("click", (event) => {
  const choice = event.target.closest(".picker-choice");
  if (!choice) return;
  const grid = choice.closest(".picker-grid");
  const opener = window.opener;
  if (!opener || !opener.CKEDITOR || !opener.CKEDITOR.tools) {
    window.alert("Open this window from the body editor's “Browse…” button.");
    return;
  }
  opener.CKEDITOR.tools.callFunction(Number(grid.dataset.callback), choice.dataset.src, {
    id: choice.dataset.id,
    alternative_text: choice.dataset.alt,
    caption: choice.dataset.caption,
  });
  window.close();
});
