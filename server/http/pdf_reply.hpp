// pdf_reply: how the API hands out a document — the PDF as the answer, and the box's address as the
// reader reached it, for the links a document carries (verification, sign-in).
#pragma once

#include <string>

#include "app/diary_extract.hpp"
#include "http/call.hpp"

namespace classbook::http {

// The address the reader reached the box by ("https://journal.school.lan:8443"). A Host that is
// not a plain host[:port] (a client's mistake or a trick) gets the box's loopback name: the code
// printed beside a link is what a reader types in any case.
std::string origin_of(const Request& req);

// A document as the answer: inline, so the browser's own PDF viewer shows it and prints from there
// (no CSP: a restrictive one can keep that viewer from loading), never cached. The file name is ASCII.
void reply_pdf(Api::Call& call, const app::IssuedPdf& pdf);

}  // namespace classbook::http
