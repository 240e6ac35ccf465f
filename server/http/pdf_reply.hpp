// pdf_reply: how a route answers with a document the box made, and the address printed on it — shared
// by the route files that answer PDFs (routes_documents, routes_access). Internal to http/.
#pragma once

#include <string>

#include "app/diary_extract.hpp"
#include "http/reply.hpp"

namespace classbook::http {

// A document as the answer: inline, so the browser's own PDF viewer shows it and prints from there.
// (No CSP here: a restrictive one can keep that viewer from loading.) The file name is ASCII.
void reply_pdf(Call& call, const app::IssuedPdf& pdf);

// The address the reader reached the box by, for the verification link printed on a document. A
// Host that is not a plain host[:port] (a client's mistake or a trick) gets the box's loopback name:
// the code printed beside the link is what a verifier types in any case.
std::string origin_of(const Request& req);

}  // namespace classbook::http
