// routes: the portal's request handler — a plain function from a Request (and the fault planned for
// it) to a Response; only server.cpp touches sockets.
#pragma once

#include <string>

#include "batch_apply.hpp"
#include "query_sql.hpp"
#include "faults.hpp"
#include "oauth.hpp"
#include "reply.hpp"
#include "roster_store.hpp"

namespace classbook::portal {

inline constexpr std::string_view kRosteringBase = "/ims/oneroster/rostering/v1p2";
inline constexpr std::string_view kGradebookBase = "/ims/oneroster/gradebook/v1p2";
inline constexpr std::string_view kExtensionBase = "/ims/oneroster/ext/classbook/v1p0";
inline constexpr std::string_view kOperatorBase = "/portal/v1";

struct PortalParts {
  Db& db;
  const Clock& clock;
  OAuth& oauth;
  RosterStore& roster;
  BatchApplier& batches;
  FaultInjector& faults;
  std::string operator_token;
};

class Routes {
 public:
  explicit Routes(PortalParts parts) : p_(std::move(parts)) {}

  // Operator requests are never faulted: tests and the demo set the scene through them.
  static bool is_operator(const Request& request);
  static RequestTraits traits(const Request& request);
  // `plan` matters here only for duplicate_page (a page that repeats) and clock_skew (a token's
  // expires_in that lies); the server carries out the rest. `detail` says what was done, for the log.
  Response handle(const Request& request, const FaultPlan& plan, std::string& detail);

 private:
  Response token(const Request& request, const FaultPlan& plan, std::string& detail);
  Response collection(const Request& request, const RowSet& set, std::string_view name, std::string_view single,
                      const std::string& id, const FaultPlan& plan, std::string& detail);
  Response batch(const Request& request, const Bearer& bearer);
  Response operator_call(const Request& request, const std::string& path);
  PortalParts p_;
};

}  // namespace classbook::portal
