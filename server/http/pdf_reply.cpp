// pdf_reply: a PDF as the answer, and the box's address as the reader reached it.
#include "http/pdf_reply.hpp"

#include <algorithm>

namespace classbook::http {

void reply_pdf(Call& call, const app::IssuedPdf& pdf) {
  auto res = make_response(status::ok, call.req.version(), pdf.bytes, "application/pdf");
  res.set(bh::field::content_disposition, "inline; filename=\"" + pdf.file_name + "\"");
  res.set(bh::field::cache_control, "no-store");
  call.reply(std::move(res));
}

std::string origin_of(const Request& req) {
  const auto host = std::string(req[bh::field::host]);
  const bool plain = !host.empty() && host.size() <= 253 && std::all_of(host.begin(), host.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' ||
           ch == ':' || ch == '[' || ch == ']';
  });
  return "https://" + (plain ? host : std::string("localhost"));
}

}  // namespace classbook::http
