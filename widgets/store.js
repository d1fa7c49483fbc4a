// The learner's data lives in this browser only (localStorage), never on the server.
// A save writes the new copy under key.next, keeps the previous one as key.backup, then
// replaces key, so a write cut off half way never loses what was saved before.
//
// One address can serve many people: on a JupyterHub without per-user subdomains every user's
// pages share one origin, so each user gets their own key from the hub's /user/<name>/ prefix.
// Data an earlier page kept there under the plain key may be someone else's: it is set aside under
// BASE/unclaimed, never loaded, and offered back by download (docs/security.md).
export const BASE = "cop-course/v1";
export const UNCLAIMED = BASE + "/unclaimed";

export function storageKey(pathname) {
  const match = /\/user\/([^/]+)\//.exec(pathname || "");
  return match ? `${BASE}/user/${match[1]}` : BASE;
}

export function valid(text) {
  if (!text) return null;
  try {
    const data = JSON.parse(text);
    return data && data.version === 1 && typeof data.elements === "object" ? text : null;
  } catch (err) {
    return null;
  }
}

function loadSaved(key) {
  return valid(localStorage.getItem(key)) ?? valid(localStorage.getItem(key + ".next"))
    ?? valid(localStorage.getItem(key + ".backup"));
}

function save(key, text) {
  localStorage.setItem(key + ".next", text);
  const previous = valid(localStorage.getItem(key));
  if (previous) localStorage.setItem(key + ".backup", previous);
  localStorage.setItem(key, text);
  localStorage.removeItem(key + ".next");
}

function forget(key) {
  [key, key + ".next", key + ".backup"].forEach((k) => localStorage.removeItem(k));
}

// Both copies' records, none lost: a record already set aside keeps its key, a clashing one gets "~2" etc.
export function mergeSetAside(keptText, newText) {
  if (!keptText) return newText;
  const kept = JSON.parse(keptText);
  for (const [name, record] of Object.entries(JSON.parse(newText).elements)) {
    let free = name;
    for (let n = 2; free in kept.elements; n += 1) free = `${name}~${n}`;
    kept.elements[free] = record;
  }
  return JSON.stringify(kept);
}

// On a shared origin, move data kept under the plain key out of everyone's way; true if any is set aside.
export function setAsideUnclaimed(key, storage) {
  if (key === BASE) return false;
  const text = valid(storage.getItem(BASE)) ?? valid(storage.getItem(BASE + ".next"))
    ?? valid(storage.getItem(BASE + ".backup"));
  if (text) storage.setItem(UNCLAIMED, mergeSetAside(valid(storage.getItem(UNCLAIMED)), text));
  [BASE, BASE + ".next", BASE + ".backup"].forEach((k) => storage.removeItem(k));
  return Boolean(storage.getItem(UNCLAIMED));
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
  const key = storageKey(location.pathname);
  const unclaimed = setAsideUnclaimed(key, localStorage);
  model.send({ kind: "load", text: loadSaved(key), unclaimed });
  model.on("change:data", () => {
    const text = model.get("data");
    if (valid(text)) save(key, text);
  });
  model.on("msg:custom", (msg) => {
    if (msg.kind === "download") download(msg.filename, msg.text, msg.mime);
  });
  if (model.get("show_controls")) renderControls(model, el, key);
}

function renderControls(model, el, key) {
  const box = document.createElement("div");
  box.className = "cop-store-controls";
  const exportButton = document.createElement("button");
  exportButton.textContent = "Download everything kept (JSON)";
  exportButton.addEventListener("click", () => download("cop-course-my-data.json", loadSaved(key) ?? "{}", "application/json"));
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
    forget(key);
    model.send({ kind: "cleared" });
  });
  const parts = [exportButton, importLabel, clearButton];
  if (localStorage.getItem(UNCLAIMED)) {
    const unclaimedDownload = document.createElement("button");
    unclaimedDownload.textContent = "Download the set-aside progress (JSON)";
    unclaimedDownload.addEventListener("click", () =>
      download("cop-course-set-aside.json", localStorage.getItem(UNCLAIMED), "application/json"));
    const unclaimedDelete = document.createElement("button");
    unclaimedDelete.textContent = "Delete the set-aside progress";
    unclaimedDelete.addEventListener("click", () => {
      localStorage.removeItem(UNCLAIMED);
      unclaimedDownload.remove();
      unclaimedDelete.remove();
      model.send({ kind: "unclaimed_deleted" });
    });
    parts.push(unclaimedDownload, unclaimedDelete);
  }
  for (const part of parts) {
    const row = document.createElement("p");
    row.appendChild(part);
    box.appendChild(row);
  }
  el.appendChild(box);
}

export default { render };
