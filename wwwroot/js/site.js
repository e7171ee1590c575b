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

// Search suggestions on every form[data-suggest], as the ARIA combobox pattern describes: typing asks /api/search,
// arrow keys move through the list, Enter opens the chosen one (or searches), Escape closes. Without script the
// form simply submits to the search page.
document.querySelectorAll("form[data-suggest]").forEach((form) => {
  const input = form.querySelector("input[name=q]");
  if (!input) return;
  const list = document.createElement("ul");
  list.id = input.id + "-suggestions";
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", form.dataset.listLabel || "");
  list.hidden = true;
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  form.append(list, status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  let items = [];
  let active = -1;
  let timer = 0;
  let pending = null;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const choose = (i) => {
    active = i;
    list.querySelectorAll("[role=option]").forEach((li, n) => li.setAttribute("aria-selected", String(n === i)));
    if (i >= 0) {
      input.setAttribute("aria-activedescendant", `${list.id}-${i}`);
      list.children[i].scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  };
  const show = (found) => {
    items = found;
    list.replaceChildren(...items.map((item, i) => {
      const li = document.createElement("li");
      li.id = `${list.id}-${i}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.dataset.url = item.url;
      const title = document.createElement("span");
      title.className = "title";
      title.textContent = item.title;
      const where = document.createElement("span");
      where.className = "where";
      where.textContent = item.where;
      li.append(title);
      if (item.where && item.where !== item.title) li.append(where);
      // mousedown keeps the focus in the box, so the list is still there when the click lands.
      li.addEventListener("mousedown", (e) => e.preventDefault());
      li.addEventListener("click", () => { location.href = item.url; });
      return li;
    }));
    active = -1;
    input.removeAttribute("aria-activedescendant");
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", String(items.length > 0));
    status.textContent = items.length > 0
      ? (form.dataset.countText || "").replace("{0}", items.length)
      : form.dataset.noneText || "";
  };
  const suggest = async () => {
    const q = input.value.trim();
    if (q.length === 0 || q.length > Number(input.maxLength > 0 ? input.maxLength : 100)) { close(); status.textContent = ""; return; }
    pending?.abort();
    pending = new AbortController();
    try {
      const url = `${form.dataset.suggest}?q=${encodeURIComponent(q)}&lang=${encodeURIComponent(form.dataset.lang || "ja")}`;
      const response = await fetch(url, { signal: pending.signal, headers: { Accept: "application/json" } });
      if (!response.ok) { close(); return; }
      if (input.value.trim() === q) show(await response.json());
    } catch (e) {
      if (e.name !== "AbortError") close();
    }
  };

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 120); });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (items.length === 0) return;
      e.preventDefault();
      if (list.hidden) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
      // Wraps around at either end of the list.
      const step = e.key === "ArrowDown" ? 1 : -1;
      choose((active + step + items.length) % items.length);
    } else if (e.key === "Enter" && !list.hidden && active >= 0) {
      e.preventDefault();
      location.href = items[active].url;
    } else if (e.key === "Escape") {
      if (!list.hidden) { e.preventDefault(); close(); }
    }
  });
  input.addEventListener("blur", close);
  input.addEventListener("focus", () => { if (items.length > 0 && input.value.trim()) { list.hidden = false; input.setAttribute("aria-expanded", "true"); } });
});

// Copy buttons on static pages (the result ID): <button data-copy="text" data-copied="label">.
document.addEventListener("click", async (e) => {
  const button = e.target.closest("button[data-copy]");
  if (!button) return;
  try {
    await navigator.clipboard.writeText(button.dataset.copy);
    button.textContent = button.dataset.copied || button.textContent;
  } catch { /* the ID stays on screen to copy by hand */ }
});
