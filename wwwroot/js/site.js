// Keeps the #fragment when switching language, so a reader stays on the same question.
document.addEventListener("click", (e) => {
  const link = e.target.closest("a[data-keep-hash]");
  if (link && location.hash && !link.href.includes("#")) link.href += location.hash;
});
