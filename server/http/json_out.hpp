// json_out: the views as the API's JSON.
#pragma once

#include <boost/json/value.hpp>

#include <string>

#include "app/sign_in.hpp"
#include "app/views.hpp"
#include "app/writes.hpp"

namespace classbook::http {

boost::json::value to_json(const app::MarkView& m);
// The week diary is the hottest response: written straight to text (json_writer.hpp), no tree.
std::string diary_json(const app::DiaryWeekView& d);
boost::json::value to_json(const app::GradesView& g);
boost::json::value to_json(const app::JournalView& j);
boost::json::value to_json(const app::TapResult& t);
boost::json::value to_json(const rows::StudentBrief& s);
boost::json::value to_json(const app::SessionInfo& s);

}  // namespace classbook::http
