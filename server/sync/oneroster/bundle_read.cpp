// bundle_read: the pure part of the CSV bundle reader — manifest, each file's columns to the REST
// shape (so one set of rules, json.hpp, checks both bindings), roles joined to users, references
// checked against files that hold the complete set.
#include "sync/oneroster/bundle.hpp"

#include <algorithm>
#include <set>

#include "sync/oneroster/csv.hpp"
#include "sync/oneroster/json.hpp"

namespace classbook::oneroster {
namespace {

enum class Kind { text, text_or_empty, ref, ref_list, list, user_ids };

struct Column {
  std::string_view csv;   // the CSV binding's column name
  std::string_view json;  // the REST binding's field
  Kind kind = Kind::text;
  RefType ref = RefType::org;
};

using Columns = std::vector<Column>;

const Columns& columns_of(std::string_view file) {
  static const std::map<std::string_view, Columns> all{
      {"orgs",
       {{"name", "name"}, {"type", "type"}, {"identifier", "identifier", Kind::text_or_empty},
        {"parentSourcedId", "parent", Kind::ref, RefType::org}}},
      {"academicSessions",
       {{"title", "title"}, {"type", "type"}, {"startDate", "startDate"}, {"endDate", "endDate"},
        {"parentSourcedId", "parent", Kind::ref, RefType::academicSession}, {"schoolYear", "schoolYear"}}},
      {"courses",
       {{"schoolYearSourcedId", "schoolYear", Kind::ref, RefType::academicSession}, {"title", "title"},
        {"courseCode", "courseCode"}, {"grades", "grades", Kind::list}, {"orgSourcedId", "org", Kind::ref, RefType::org},
        {"subjects", "subjects", Kind::list}, {"subjectCodes", "subjectCodes", Kind::list}}},
      {"classes",
       {{"title", "title"}, {"grades", "grades", Kind::list}, {"courseSourcedId", "course", Kind::ref, RefType::course},
        {"classCode", "classCode"}, {"classType", "classType"}, {"location", "location"},
        {"schoolSourcedId", "school", Kind::ref, RefType::org},
        {"termSourcedIds", "terms", Kind::ref_list, RefType::academicSession}, {"subjects", "subjects", Kind::list},
        {"subjectCodes", "subjectCodes", Kind::list}, {"periods", "periods", Kind::list}}},
      {"users",
       {{"enabledUser", "enabledUser"}, {"username", "username"}, {"userIds", "userIds", Kind::user_ids},
        {"givenName", "givenName"}, {"familyName", "familyName"}, {"middleName", "middleName"},
        {"identifier", "identifier"}, {"email", "email"}, {"sms", "sms"}, {"phone", "phone"},
        {"agentSourcedIds", "agents", Kind::ref_list, RefType::user}, {"grades", "grades", Kind::list},
        {"password", "password"}, {"userMasterIdentifier", "userMasterIdentifier"},
        {"resourceSourcedIds", "resources", Kind::ref_list, RefType::resource},
        {"preferredGivenName", "preferredFirstName"}, {"preferredMiddleName", "preferredMiddleName"},
        {"preferredFamilyName", "preferredLastName"}, {"primaryOrgSourcedId", "primaryOrg", Kind::ref, RefType::org},
        {"pronouns", "pronouns"}}},
      {"roles",
       {{"userSourcedId", "", Kind::text}, {"roleType", "roleType"}, {"role", "role"}, {"beginDate", "beginDate"},
        {"endDate", "endDate"}, {"orgSourcedId", "org", Kind::ref, RefType::org},
        {"userProfileSourcedId", "userProfile"}}},
      {"enrollments",
       {{"classSourcedId", "class", Kind::ref, RefType::class_}, {"schoolSourcedId", "school", Kind::ref, RefType::org},
        {"userSourcedId", "user", Kind::ref, RefType::user}, {"role", "role"}, {"primary", "primary"},
        {"beginDate", "beginDate"}, {"endDate", "endDate"}}},
      {"demographics",
       {{"birthDate", "birthDate"}, {"sex", "sex"}, {"americanIndianOrAlaskaNative", "americanIndianOrAlaskaNative"},
        {"asian", "asian"}, {"blackOrAfricanAmerican", "blackOrAfricanAmerican"},
        {"nativeHawaiianOrOtherPacificIslander", "nativeHawaiianOrOtherPacificIslander"}, {"white", "white"},
        {"demographicRaceTwoOrMoreRaces", "demographicRaceTwoOrMoreRaces"},
        {"hispanicOrLatinoEthnicity", "hispanicOrLatinoEthnicity"}, {"countryOfBirthCode", "countryOfBirthCode"},
        {"stateOfBirthAbbreviation", "stateOfBirthAbbreviation"}, {"cityOfBirth", "cityOfBirth"},
        {"publicSchoolResidenceStatus", "publicSchoolResidenceStatus"}}},
  };
  static const Columns none;
  auto it = all.find(file);
  return it == all.end() ? none : it->second;
}

// Files the box reads, in the order they are read (roles before users: users need their roles).
constexpr std::string_view read_files[] = {"orgs", "academicSessions", "courses", "classes", "roles", "users",
                                           "enrollments", "demographics"};
// The CSV binding's other files: listed in the manifest, not read by the box.
constexpr std::string_view other_files[] = {
    "categories", "classResources", "courseResources", "lineItemLearningObjectiveIds", "lineItems",
    "lineItemScoreScales", "resources", "resultLearningObjectiveIds", "results", "resultScoreScales", "scoreScales",
    "userProfiles", "userResources"};
// A placeholder that passes the REST rules for bulk rows, whose dateLastModified is blank in CSV.
constexpr std::string_view bulk_placeholder_time = "1970-01-01T00:00:00Z";

struct Reader {
  BundleReading out;
  Bundle bundle;
  const std::map<std::string, std::string, std::less<>>& files;

  void problem(std::string file, std::size_t row, std::string column, std::string message) {
    ++out.problems_total;
    if (out.problems.size() < max_bundle_problems)
      out.problems.push_back({std::move(file), row, std::move(column), std::move(message)});
  }

  // One row of a CSV file in the REST shape; per-column problems reported here.
  struct Row {
    std::size_t number = 0;  // header = 1
    boost::json::object json;
    std::string sourced_id;
    std::string extra;  // roles: the userSourcedId
  };

  std::vector<Row> rows_of(std::string_view name) {
    const std::string file = std::string(name) + ".csv";
    const auto mode = bundle.mode(name);
    std::vector<Row> rows;
    auto it = files.find(file);
    if (it == files.end()) return rows;
    auto table = read_csv(it->second, CsvLimits{max_csv_rows, max_csv_field_bytes});
    if (table.problem) {
      std::string column;
      if (table.problem->column && table.problem->column <= table.header.size())
        column = table.header[table.problem->column - 1];
      problem(file, table.problem->row, column, table.problem->message);
      return rows;
    }
    const auto& columns = columns_of(name);
    // Where each column is: the standard's columns all present (in any order), "metadata.*" extra.
    std::vector<std::string_view> base{"sourcedId", "status", "dateLastModified"};
    std::map<std::string_view, std::size_t> at;
    bool header_ok = true;
    for (std::size_t i = 0; i < table.header.size(); ++i) {
      const std::string_view h = table.header[i];
      const bool standard = std::find(base.begin(), base.end(), h) != base.end() ||
                            std::any_of(columns.begin(), columns.end(), [&](const Column& c) { return c.csv == h; });
      if (!standard && !(h.starts_with("metadata.") && h.size() > 9)) {
        problem(file, 1, std::string(h), "not a column of " + file + " in OneRoster 1.2; extra columns are named metadata.<name>");
        header_ok = false;
      } else if (!at.emplace(h, i).second) {
        problem(file, 1, std::string(h), "the column appears twice");
        header_ok = false;
      }
    }
    for (auto b : base)
      if (!at.count(b)) problem(file, 1, std::string(b), "missing column; " + file + " needs it"), header_ok = false;
    for (const auto& c : columns)
      if (!at.count(c.csv)) problem(file, 1, std::string(c.csv), "missing column; " + file + " needs it"), header_ok = false;
    if (!header_ok) return rows;

    std::set<std::string, std::less<>> seen;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const auto& fields = table.rows[r];
      Row row;
      row.number = r + 2;
      bool ok = true;
      auto bad = [&](std::string_view column, std::string message) {
        problem(file, row.number, std::string(column), std::move(message));
        ok = false;
      };
      row.sourced_id = fields[at["sourcedId"]];
      if (row.sourced_id.empty()) bad("sourcedId", "empty; every row needs its sourcedId");
      else if (!seen.insert(row.sourced_id).second) bad("sourcedId", "'" + row.sourced_id + "' appears twice in " + file);
      row.json["sourcedId"] = row.sourced_id;
      const auto& status = fields[at["status"]];
      const auto& modified = fields[at["dateLastModified"]];
      if (mode == FileMode::bulk) {
        if (!status.empty()) bad("status", "must be blank in a bulk file (manifest file." + std::string(name) + "=bulk)");
        if (!modified.empty())
          bad("dateLastModified", "must be blank in a bulk file (manifest file." + std::string(name) + "=bulk)");
        row.json["status"] = "active";
        row.json["dateLastModified"] = bulk_placeholder_time;
      } else {
        if (status.empty()) bad("status", "empty; a delta file gives each row's status (active or tobedeleted)");
        if (modified.empty()) bad("dateLastModified", "empty; a delta file gives each row's dateLastModified");
        row.json["status"] = status;
        row.json["dateLastModified"] = modified;
      }
      for (const auto& c : columns) {
        const auto& value = fields[at[c.csv]];
        if (name == "roles" && c.csv == "userSourcedId") {
          row.extra = value;
          if (value.empty()) bad(c.csv, "empty; a role belongs to a user");
          continue;
        }
        if (value.empty()) {
          if (c.kind == Kind::text_or_empty) row.json[c.json] = "";
          continue;
        }
        switch (c.kind) {
          case Kind::text:
          case Kind::text_or_empty: row.json[c.json] = value; break;
          case Kind::ref: row.json[c.json] = reference(value, c.ref); break;
          case Kind::list:
          case Kind::ref_list: {
            auto items = split_list(value);
            if (!items) {
              bad(c.csv, "an empty item in the list; separate items with single commas");
              break;
            }
            boost::json::array a;
            for (auto& item : *items) {
              if (c.kind == Kind::list) a.emplace_back(item);
              else a.emplace_back(reference(item, c.ref));
            }
            row.json[c.json] = std::move(a);
            break;
          }
          case Kind::user_ids: {
            auto ids = user_ids(value);
            if (!ids) bad(c.csv, "expected {type:identifier} items separated by commas, e.g. {LDAP:jdoe},{SIS:123}");
            else row.json[c.json] = std::move(*ids);
            break;
          }
        }
      }
      boost::json::object metadata;
      for (const auto& [h, i] : at)
        if (h.starts_with("metadata.") && !fields[i].empty()) metadata[h.substr(9)] = fields[i];
      if (!metadata.empty()) row.json["metadata"] = std::move(metadata);
      if (ok) rows.push_back(std::move(row));
    }
    return rows;
  }

  static boost::json::object reference(std::string_view id, RefType type) {
    return boost::json::object{{"href", ""}, {"sourcedId", id}, {"type", to_string(type)}};
  }

  static std::optional<std::vector<std::string>> split_list(std::string_view text) {
    std::vector<std::string> out;
    for (;;) {
      const auto comma = text.find(',');
      auto item = text.substr(0, comma);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      if (item.empty()) return std::nullopt;
      out.emplace_back(item);
      if (comma == std::string_view::npos) return out;
      text = text.substr(comma + 1);
    }
  }

  static std::optional<boost::json::array> user_ids(std::string_view text) {
    auto items = split_list(text);
    if (!items) return std::nullopt;
    boost::json::array out;
    for (const auto& item : *items) {
      const auto colon = item.find(':');
      if (item.size() < 5 || item.front() != '{' || item.back() != '}' || colon == std::string::npos || colon < 2 ||
          colon + 2 >= item.size())
        return std::nullopt;
      out.emplace_back(boost::json::object{{"type", item.substr(1, colon - 1)},
                                           {"identifier", item.substr(colon + 1, item.size() - colon - 2)}});
    }
    return out;
  }

  // A parse error's field ("course.sourcedId", "terms[1].sourcedId") → the CSV column it came from.
  static std::string column_for(std::string_view file, std::string_view field) {
    const auto top = field.substr(0, field.find_first_of(".["));
    if (top == "metadata") return "metadata";
    for (const auto& c : columns_of(file))
      if (c.json == top) return std::string(c.csv);
    return std::string(top);
  }

  // Each row through the REST rules; good records kept (their bulk placeholder cleared).
  template <class T, class Parse>
  std::vector<T> parse_rows(std::string_view name, std::vector<Row>& rows, Parse parse) {
    std::vector<T> out;
    const bool bulk = bundle.mode(name) == FileMode::bulk;
    for (auto& row : rows) {
      auto parsed = parse(boost::json::value(std::move(row.json)), "");
      if (!parsed) {
        const auto& e = parsed.error();
        // The message starts with the REST field name; say the CSV column instead.
        auto message = e.message;
        if (message.starts_with(e.field + ": ")) message = message.substr(e.field.size() + 2);
        problem(std::string(name) + ".csv", row.number, column_for(name, e.field), message);
        continue;
      }
      if (bulk) parsed->base.date_last_modified.clear();
      out.push_back(std::move(*parsed));
    }
    return out;
  }

  void read_manifest() {
    auto it = files.find("manifest.csv");
    if (it == files.end()) {
      problem("manifest.csv", 0, "", "missing; a OneRoster bundle starts with manifest.csv");
      return;
    }
    auto table = read_csv(it->second, CsvLimits{1000, max_csv_field_bytes});
    if (table.problem) {
      problem("manifest.csv", table.problem->row, "", table.problem->message);
      return;
    }
    if (table.header != std::vector<std::string>{"propertyName", "value"}) {
      problem("manifest.csv", 1, "", "the header must be propertyName,value");
      return;
    }
    std::map<std::string, std::string, std::less<>> props;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const auto& key = table.rows[r][0];
      if (!props.emplace(key, table.rows[r][1]).second)
        problem("manifest.csv", r + 2, "propertyName", "'" + key + "' appears twice");
    }
    auto expect = [&](std::string_view key, std::string_view wanted) {
      auto p = props.find(key);
      if (p == props.end()) problem("manifest.csv", 0, "propertyName", "missing " + std::string(key) + " (" + std::string(wanted) + ")");
      else if (p->second != wanted)
        problem("manifest.csv", 0, "value", std::string(key) + " is '" + p->second + "'; this reader takes " + std::string(wanted));
    };
    expect("manifest.version", "1.0");
    expect("oneroster.version", "1.2");
    if (auto p = props.find("source.systemName"); p != props.end()) bundle.source_system_name = p->second;
    if (auto p = props.find("source.systemCode"); p != props.end()) bundle.source_system_code = p->second;
    for (const auto& [key, value] : props) {
      if (!key.starts_with("file.")) continue;
      const std::string name = key.substr(5);
      const bool read = std::find(std::begin(read_files), std::end(read_files), name) != std::end(read_files);
      const bool other = std::find(std::begin(other_files), std::end(other_files), name) != std::end(other_files);
      if (!read && !other) {
        problem("manifest.csv", 0, "propertyName", "'" + key + "' is not a file of the OneRoster 1.2 CSV binding");
        continue;
      }
      FileMode mode;
      if (value == "absent") mode = FileMode::absent;
      else if (value == "bulk") mode = FileMode::bulk;
      else if (value == "delta") mode = FileMode::delta;
      else {
        problem("manifest.csv", 0, "value", key + " is '" + value + "'; expected absent, bulk or delta");
        continue;
      }
      bundle.files[name] = mode;
      if (other && mode != FileMode::absent) bundle.not_imported.push_back(name);
    }
    for (auto name : read_files)
      if (!bundle.files.count(name))
        problem("manifest.csv", 0, "propertyName", "missing file." + std::string(name) + " (absent, bulk or delta)");
    // The manifest and the files present must agree.
    for (const auto& [file, bytes] : files) {
      if (file == "manifest.csv") continue;
      const auto name = file.ends_with(".csv") ? file.substr(0, file.size() - 4) : file;
      auto m = bundle.files.find(name);
      if (m == bundle.files.end())
        problem(file, 0, "", "not listed in manifest.csv; list it as file." + name + " or leave it out");
      else if (m->second == FileMode::absent)
        problem(file, 0, "", "present although manifest.csv says file." + name + "=absent");
    }
    for (const auto& [name, mode] : bundle.files)
      if (mode != FileMode::absent && !files.count(name + ".csv"))
        problem(name + ".csv", 0, "", "missing although manifest.csv says file." + name + "=" +
                                           (mode == FileMode::bulk ? "bulk" : "delta"));
  }

  // References into a bulk file must name one of its rows (a delta or absent file may point at
  // records the box already has).
  template <class T>
  void check_refs(std::string_view file, const std::vector<T>& records, std::string_view column,
                  std::string_view target, const std::set<std::string, std::less<>>& ids,
                  std::vector<const GuidRef*> (*refs)(const T&), const std::map<std::string, std::size_t, std::less<>>& rows) {
    if (bundle.mode(target) != FileMode::bulk) return;
    for (const auto& r : records)
      for (const auto* ref : refs(r))
        if (!ids.count(ref->sourced_id)) {
          auto row = rows.find(r.base.sourced_id);
          problem(std::string(file) + ".csv", row == rows.end() ? 0 : row->second, std::string(column),
                  "'" + ref->sourced_id + "' is not in " + std::string(target) + ".csv");
        }
  }
};

template <class T>
std::set<std::string, std::less<>> ids_of(const std::vector<T>& v) {
  std::set<std::string, std::less<>> out;
  for (const auto& x : v) out.insert(x.base.sourced_id);
  return out;
}

std::map<std::string, std::size_t, std::less<>> row_numbers(const std::vector<Reader::Row>& rows) {
  std::map<std::string, std::size_t, std::less<>> out;
  for (const auto& r : rows) out.emplace(r.sourced_id, r.number);
  return out;
}

}  // namespace

FileMode Bundle::mode(std::string_view file) const {
  auto it = files.find(file);
  return it == files.end() ? FileMode::absent : it->second;
}

BundleReading read_bundle_files(const std::map<std::string, std::string, std::less<>>& files) {
  Reader r{{}, {}, files};
  r.read_manifest();
  if (r.out.problems_total) return std::move(r.out);
  auto& b = r.bundle;

  auto org_rows = r.rows_of("orgs");
  auto session_rows = r.rows_of("academicSessions");
  auto course_rows = r.rows_of("courses");
  auto class_rows = r.rows_of("classes");
  auto role_rows = r.rows_of("roles");
  auto user_rows = r.rows_of("users");
  auto enrollment_rows = r.rows_of("enrollments");
  auto demographics_rows = r.rows_of("demographics");
  const auto org_at = row_numbers(org_rows), session_at = row_numbers(session_rows),
             course_at = row_numbers(course_rows), class_at = row_numbers(class_rows),
             user_at = row_numbers(user_rows), enrollment_at = row_numbers(enrollment_rows);

  b.orgs = r.parse_rows<Org>("orgs", org_rows, [](const auto& v, auto p) { return parse_org(v, p); });
  b.academic_sessions = r.parse_rows<AcademicSession>("academicSessions", session_rows,
                                                       [](const auto& v, auto p) { return parse_academic_session(v, p); });
  b.courses = r.parse_rows<Course>("courses", course_rows, [](const auto& v, auto p) { return parse_course(v, p); });
  b.classes = r.parse_rows<Class>("classes", class_rows, [](const auto& v, auto p) { return parse_class(v, p); });

  // Roles: each row on its own, then joined to its user (tobedeleted roles of a delta file dropped).
  std::map<std::string, boost::json::array, std::less<>> roles_of;
  std::set<std::string, std::less<>> user_ids;
  for (const auto& row : user_rows) user_ids.insert(row.sourced_id);
  for (auto& row : role_rows) {
    boost::json::object role;
    for (auto key : {"roleType", "role", "org", "userProfile", "beginDate", "endDate"})
      if (auto* v = row.json.if_contains(key)) role[key] = *v;
    auto parsed = parse_role(role, "");
    if (!parsed) {
      const auto& e = parsed.error();
      auto message = e.message;
      if (message.starts_with(e.field + ": ")) message = message.substr(e.field.size() + 2);
      r.problem("roles.csv", row.number, Reader::column_for("roles", e.field), message);
      continue;
    }
    if (!user_ids.count(row.extra)) {
      r.problem("roles.csv", row.number, "userSourcedId",
                "'" + row.extra + "' is not in users.csv; a role travels with its user");
      continue;
    }
    const auto* status = row.json.if_contains("status");
    if (status && status->is_string() && status->get_string() == "tobedeleted") continue;
    roles_of[row.extra].emplace_back(to_json(*parsed));
  }
  for (auto& row : user_rows) {
    auto roles = roles_of.find(row.sourced_id);
    if (roles == roles_of.end()) {
      r.problem("users.csv", row.number, "sourcedId",
                "'" + row.sourced_id + "' has no valid role in roles.csv; a OneRoster user has at least one");
      row.sourced_id.clear();
      continue;
    }
    row.json["roles"] = std::move(roles->second);
  }
  std::erase_if(user_rows, [](const Reader::Row& row) { return row.sourced_id.empty(); });
  b.users = r.parse_rows<User>("users", user_rows, [](const auto& v, auto p) { return parse_user(v, p); });
  b.enrollments = r.parse_rows<Enrollment>("enrollments", enrollment_rows,
                                           [](const auto& v, auto p) { return parse_enrollment(v, p); });
  b.demographics = r.parse_rows<Demographics>("demographics", demographics_rows,
                                              [](const auto& v, auto p) { return parse_demographics(v, p); });

  const auto orgs = ids_of(b.orgs), sessions = ids_of(b.academic_sessions), courses = ids_of(b.courses),
             classes = ids_of(b.classes), users = ids_of(b.users);
  using Refs = std::vector<const GuidRef*>;
  r.check_refs<Org>("orgs", b.orgs, "parentSourcedId", "orgs", orgs,
                    [](const Org& x) { return x.parent ? Refs{&*x.parent} : Refs{}; }, org_at);
  r.check_refs<AcademicSession>("academicSessions", b.academic_sessions, "parentSourcedId", "academicSessions", sessions,
                                [](const AcademicSession& x) { return x.parent ? Refs{&*x.parent} : Refs{}; }, session_at);
  r.check_refs<Course>("courses", b.courses, "orgSourcedId", "orgs", orgs,
                       [](const Course& x) { return x.org ? Refs{&*x.org} : Refs{}; }, course_at);
  r.check_refs<Course>("courses", b.courses, "schoolYearSourcedId", "academicSessions", sessions,
                       [](const Course& x) { return x.school_year ? Refs{&*x.school_year} : Refs{}; }, course_at);
  r.check_refs<Class>("classes", b.classes, "courseSourcedId", "courses", courses,
                      [](const Class& x) { return Refs{&x.course}; }, class_at);
  r.check_refs<Class>("classes", b.classes, "schoolSourcedId", "orgs", orgs,
                      [](const Class& x) { return Refs{&x.school}; }, class_at);
  r.check_refs<Class>("classes", b.classes, "termSourcedIds", "academicSessions", sessions, [](const Class& x) {
    Refs out;
    for (const auto& t : x.terms) out.push_back(&t);
    return out;
  }, class_at);
  r.check_refs<User>("users", b.users, "agentSourcedIds", "users", users, [](const User& x) {
    Refs out;
    for (const auto& a : x.agents) out.push_back(&a);
    return out;
  }, user_at);
  r.check_refs<Enrollment>("enrollments", b.enrollments, "classSourcedId", "classes", classes,
                           [](const Enrollment& x) { return Refs{&x.class_}; }, enrollment_at);
  r.check_refs<Enrollment>("enrollments", b.enrollments, "userSourcedId", "users", users,
                           [](const Enrollment& x) { return Refs{&x.user}; }, enrollment_at);
  r.check_refs<Enrollment>("enrollments", b.enrollments, "schoolSourcedId", "orgs", orgs,
                           [](const Enrollment& x) { return Refs{&x.school}; }, enrollment_at);

  if (r.out.problems_total == 0) r.out.bundle = std::move(r.bundle);
  return std::move(r.out);
}

std::string format_problems(const BundleReading& reading) {
  std::string out;
  for (const auto& p : reading.problems) {
    out += p.file.empty() ? std::string("bundle") : p.file;
    if (p.row) out += ":" + std::to_string(p.row);
    if (!p.column.empty()) out += ":" + p.column;
    out += ": " + p.message + "\n";
  }
  if (reading.problems_total > reading.problems.size())
    out += "… and " + std::to_string(reading.problems_total - reading.problems.size()) + " more problems\n";
  return out;
}

}  // namespace classbook::oneroster
