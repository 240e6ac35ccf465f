// person_name: the one SQL that shows a person as the diary does — "Иванова М.П.", or "Иванова М." without a patronymic.
#pragma once

#include <string>
#include <string_view>

namespace classbook::store {

// An SQL expression over `t`.last_name/first_name/middle_name (t names the table or its alias).
// Every query that shows a teacher's short name uses it, so the format lives in one place.
inline std::string short_name_sql(std::string_view t) {
  const std::string a(t);
  return a + ".last_name || ' ' || substr(" + a + ".first_name, 1, 1) || '.' || CASE WHEN coalesce(" + a +
         ".middle_name, '') <> '' THEN substr(" + a + ".middle_name, 1, 1) || '.' ELSE '' END";
}

}  // namespace classbook::store
