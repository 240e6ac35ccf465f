// system_notice: a message the box itself writes to one account (a card anomaly for the class
// teacher, a password reset for the account holder), in the box's conversation with that account
// under a subject — and heard on the account's live stream like any message, so the unread badge
// and an open conversation show it at once.
#pragma once

#include <string>

#include "app/store_rows.hpp"
#include "classbook/common/result.hpp"

namespace classbook::app {

Status send_system_notice(store::WriteContext& w, store::Id user, const std::string& subject, const std::string& body);

}  // namespace classbook::app
