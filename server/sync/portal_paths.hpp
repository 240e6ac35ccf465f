// portal_paths: where on the portal each part of docs/sync-protocol.md lives, below its base URL.
#pragma once

namespace classbook::sync {

constexpr const char* batches_path = "/ims/oneroster/ext/classbook/v1p0/batches";
constexpr const char* cursor_path = "/ims/oneroster/ext/classbook/v1p0/cursor";
constexpr const char* anchors_path = "/ims/oneroster/ext/classbook/v1p0/anchors";
// The token endpoint when neither [portal] token_url nor client.json names one.
constexpr const char* default_token_path = "/oauth/token";
// The OAuth 2 scopes the box asks for (docs/sync-protocol.md § Transport).
constexpr const char* portal_scopes =
    "https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly "
    "https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.createput "
    "https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.delete "
    "https://classbook.example/scope/journal.createput";

}  // namespace classbook::sync
