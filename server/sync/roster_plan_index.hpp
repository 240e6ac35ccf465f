// roster_plan_index: what the roster planner's parts (roster_plan.cpp, roster_teaching.cpp) share — the
// portal links looked up both ways, and the latest of each sourcedId in a read. Pure.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "store/portal_links.hpp"

namespace classbook::sync::plan_index {

// Links both ways: (entity, sourcedId) → uuid and (entity, uuid) → sourcedId.
struct Links {
  std::map<std::pair<std::string, std::string>, std::string> uuid_of, sourced_of;
  explicit Links(const std::vector<store::PortalLink>& links) {
    for (const auto& l : links) add(l.entity, l.sourced_id, l.uuid);
  }
  std::string uuid(const std::string& entity, const std::string& sid) const {
    auto it = uuid_of.find({entity, sid});
    return it == uuid_of.end() ? std::string() : it->second;
  }
  bool linked_uuid(const std::string& entity, const std::string& uuid) const { return sourced_of.contains({entity, uuid}); }
  void add(const std::string& entity, const std::string& sid, const std::string& uuid) {
    uuid_of[{entity, sid}] = uuid;
    sourced_of[{entity, uuid}] = sid;
  }
};

// The last item of each sourcedId, in the order first seen (the portal lists in dateLastModified order).
template <class T>
std::vector<const T*> latest(const std::vector<T>& items) {
  std::map<std::string, std::size_t> at;
  std::vector<const T*> out;
  for (const auto& item : items) {
    auto [it, fresh] = at.emplace(item.base.sourced_id, out.size());
    if (fresh) out.push_back(&item);
    else out[it->second] = &item;
  }
  return out;
}

// The same, by sourcedId.
template <class T>
std::map<std::string, const T*> latest_by_id(const std::vector<T>& items) {
  std::map<std::string, const T*> out;
  for (const auto* item : latest(items)) out[item->base.sourced_id] = item;
  return out;
}

}  // namespace classbook::sync::plan_index
