// oauth_request: POST /oauth/token's request as RFC 6749 §4.4 sends it — an
// application/x-www-form-urlencoded body, and the client's credentials either in HTTP Basic
// (§2.3.1, each form-urlencoded before base64) or as client_id and client_secret in the body.
// Pure text in, values out, so the unit tests feed it directly. Internal to http/.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/api_clients.hpp"
#include "classbook/common/result.hpp"

namespace classbook::http {

constexpr std::size_t token_request_body_limit = 4096;  // a token request is a few short parameters

// The request's parameters; errors carry their RFC 6749 name in Error::field (invalid_request for a
// body that is no form, a parameter sent twice or two ways of authenticating; invalid_client for an
// Authorization header that is no readable Basic credential).
Result<app::TokenRequest> read_token_request(std::string_view content_type, std::string_view authorization,
                                             std::string_view body);

// RFC 4648 base64 with padding; none when the text is not that.
std::optional<std::string> base64_decode(std::string_view text);
// application/x-www-form-urlencoded decoding of one name or value: %XX and '+' for a space; none when
// an escape is malformed.
std::optional<std::string> form_decode(std::string_view text);

}  // namespace classbook::http
