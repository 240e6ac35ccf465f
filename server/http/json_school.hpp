// json_school: the school's settings, its events and its clubs as the API's JSON — one shape for the
// reads (GET /school, /events, /clubs) and the director's and office's writes that answer with them.
#pragma once

#include <boost/json/value.hpp>

#include "app/school.hpp"

namespace classbook::http {

boost::json::value school_json(const app::SchoolView& s);
boost::json::value work_type_json(const domain::WorkType& w);
boost::json::value event_json(const rows::EventRecord& e);
boost::json::value club_json(const rows::ClubRecord& c);

}  // namespace classbook::http
