// routes_school: school life beyond the journal — term grades, dots, the class overview, notices.
#include "http/call.hpp"
#include "http/json_out.hpp"

namespace classbook::http {

void Api::route_school(const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  c.fail(Errc::not_found, "no such API path or method: " + std::string(c.req.method_string()) + " " + std::string(c.req.target()));
}

}  // namespace classbook::http
