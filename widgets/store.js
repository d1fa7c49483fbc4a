// The learner's data lives in this browser only (localStorage), never on the server.
// A save writes the new copy under KEY.next, keeps the previous one as KEY.backup, then
// replaces KEY, so a write cut off half way never loses what was saved before.
const KEY = "cop-course/v1";

function valid(text) {
  if (!text) return null;
  try {
    const data = JSON.parse(text);
    return data && data.version === 1 && typeof data.elements === "object" ? text : null;
  } catch (err) {
    return null;
  }
}

function loadSaved() {
  return valid(localStorage.getItem(KEY)) ?? valid(localStorage.getItem(KEY + ".next"))
    ?? valid(localStorage.getItem(KEY + ".backup"));
}

function save(text) {
  localStorage.setItem(KEY + ".next", text);
  const previous = valid(localStorage.getItem(KEY));
  if (previous) localStorage.setItem(KEY + ".backup", previous);
  localStorage.setItem(KEY, text);
  localStorage.removeItem(KEY + ".next");
}

function download(filename, text, mime) {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function render({ model, el }) {
  el.classList.add("cop-store");
  model.send({ kind: "load", text: loadSaved() });
  model.on("change:data", () => {
    const text = model.get("data");
    if (valid(text)) save(text);
  });
  model.on("msg:custom", (msg) => {
    if (msg.kind === "download") download(msg.filename, msg.text, msg.mime);
  });
  if (model.get("show_controls")) renderControls(model, el);
}

function renderControls(model, el) {
  const box = document.createElement("div");
  box.className = "cop-store-controls";
  const exportButton = document.createElement("button");
  exportButton.textContent = "Download everything kept (JSON)";
  exportButton.addEventListener("click", () => download("cop-course-my-data.json", loadSaved() ?? "{}", "application/json"));
  const importLabel = document.createElement("label");
  importLabel.textContent = "Import from a file you downloaded before: ";
  const importInput = document.createElement("input");
  importInput.type = "file";
  importInput.accept = "application/json,.json";
  importInput.addEventListener("change", async () => {
    const file = importInput.files[0];
    if (file) model.send({ kind: "import", text: await file.text() });
    importInput.value = "";
  });
  importLabel.appendChild(importInput);
  const clearButton = document.createElement("button");
  clearButton.textContent = "Delete everything kept in this browser";
  let armed = false;
  clearButton.addEventListener("click", () => {
    if (!armed) {
      armed = true;
      clearButton.textContent = "Yes, delete everything (this cannot be undone)";
      return;
    }
    armed = false;
    clearButton.textContent = "Delete everything kept in this browser";
    [KEY, KEY + ".next", KEY + ".backup"].forEach((k) => localStorage.removeItem(k));
    model.send({ kind: "cleared" });
  });
  for (const part of [exportButton, importLabel, clearButton]) {
    const row = document.createElement("p");
    row.appendChild(part);
    box.appendChild(row);
  }
  el.appendChild(box);
}

export default { render };
