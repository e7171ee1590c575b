// Keeps the #fragment when switching language, so a reader stays on the same question.
document.addEventListener("click", (e) => {
  const link = e.target.closest("a[data-keep-hash]");
  if (link && location.hash && !link.href.includes("#")) link.href += location.hash;
});

// Used by the tester's "copy link" button; false when the browser refuses (the page then shows the link).
window.portal = {
  copy: async (text) => {
    try { await navigator.clipboard.writeText(text); return true; } catch { return false; }
  },
};

// Buttons that ask first (the staff delete button); a file, not an inline handler, so the CSP can forbid inline script.
document.addEventListener("click", (e) => {
  const button = e.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) e.preventDefault();
});
