// pdf_reply: a PDF answer and the reader's origin.
#include "http/pdf_reply.hpp"

#include <algorithm>

#include "http/reply.hpp"

namespace classbook::http {

std::string origin_of(const Request& req) {
  const auto host = std::string(req[bh::field::host]);
  const bool plain = !host.empty() && host.size() <= 253 && std::all_of(host.begin(), host.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' ||
           ch == ':' || ch == '[' || ch == ']';
  });
  return "https://" + (plain ? host : std::string("localhost"));
}

void reply_pdf(Api::Call& call, const app::IssuedPdf& pdf) {
  auto res = make_response(status::ok, call.req.version(), pdf.bytes, "application/pdf");
  res.set(bh::field::content_disposition, "inline; filename=\"" + pdf.file_name + "\"");
  res.set(bh::field::cache_control, "no-store");
  call.reply(std::move(res));
}

}  // namespace classbook::http
