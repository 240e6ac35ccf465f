// pdf: documents the desk gets by a POST that answers with a PDF (an approved application's login
// slip, a class's slips) — each carries one-time passwords made for this answer alone, so it cannot
// be fetched again by address (and so not sent to a printer by path): it is kept in the page as a
// blob and opened in the browser's own viewer to print or keep.
import { useEffect, useState } from "preact/hooks";
import { html } from "../../html.js";
import { t } from "../../i18n.js";
import { ApiError } from "../../api.js";
import { me } from "../../session.js";

// POST `path` with `body` → a Blob of the PDF; a refusal throws ApiError as api() does.
export async function postPdf(path, body) {
  const headers = { Accept: "application/pdf, application/json", "Content-Type": "application/json" };
  const csrf = me.value && me.value.csrf_token;
  if (csrf) headers["X-CSRF-Token"] = csrf;
  let r;
  try {
    r = await fetch(path, { method: "POST", headers, credentials: "same-origin", body: JSON.stringify(body || {}) });
  } catch {
    throw new ApiError(0, null);
  }
  if (!r.ok) {
    let data = null;
    try {
      data = await r.json();
    } catch {
      data = null;
    }
    throw new ApiError(r.status, data);
  }
  return r.blob();
}

// A link that opens a PDF Blob in a new tab; the object URL is let go when the link goes.
export function PdfLink({ blob, name, label }) {
  const [url, setUrl] = useState(null);
  useEffect(() => {
    if (!blob) return undefined;
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  if (!url) return null;
  return html`<a class="pdf-link" href=${url} target="_blank" rel="noopener" data-file=${name}>${label || t("desk.open_pdf")}</a>`;
}
