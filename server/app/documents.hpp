// documents: any document the box makes, by the path it is fetched at — so that a print job, a hall
// kiosk or a test names a document the one way the API does, and is given exactly what that reader
// may fetch there (the same use case, the same rights).
#pragma once

#include <string>
#include <string_view>

#include "app/context.hpp"
#include "app/diary_extract.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

constexpr std::size_t max_document_path_bytes = 512;

// `path`: "/api/v1/students/{id}/diary-extract.pdf?from=…&to=…", ".../report-card.pdf?term=N",
// "/api/v1/classes/{id}/attendance-report.pdf?from&to", ".../journal.pdf?subject&term", or the
// director's "/api/v1/reports/{attendance,grades,at-risk}.pdf?…". Anything
// else: 400 print.unknown_document naming these. `box_origin`: for a verification link it carries.
void render_document(Context& ctx, const domain::Actor& actor, std::string_view path, std::string box_origin,
                     Reply<IssuedPdf> reply);

// The document's kind in words, for a job's title: "Выписка из дневника", "Табель", …
std::string document_title(std::string_view path);

}  // namespace classbook::app
