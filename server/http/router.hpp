// router: the one route table, compiled once — match a request's path segments to a row and its
// path parameters by name, and dump the table for tests and docs (`classbookd --routes`).
#pragma once

#include <boost/beast/http/verb.hpp>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "http/route.hpp"

namespace classbook::http {

constexpr std::size_t max_route_segments = 10;  // the longest pattern has 9 (OneRoster's classes/{id}/lineItems/{id}/results)

// A row with its pattern split into segments.
struct CompiledRoute {
  const Route* route = nullptr;
  struct Segment {
    std::string_view text;  // the literal, or the parameter's name
    bool param = false;
  };
  std::vector<Segment> segments;
  // The position of the parameter `name` in the path; npos when the pattern has none of that name.
  std::size_t index_of(std::string_view name) const;
};

class Router {
 public:
  // The API's whole table: every area's rows, checked once (a duplicate or malformed row aborts start-up).
  static const Router& api();

  // The row for this method and path, or null. Literal segments win over parameters at the first
  // place two patterns differ, so /api/v1/lessons/make is not /api/v1/lessons/{id}.
  const CompiledRoute* find(boost::beast::http::verb method, const std::vector<std::string>& path) const;
  // The methods the table has for this path ("GET, PUT"); "" when the path is unknown.
  std::string methods_for(const std::vector<std::string>& path) const;
  // One JSON object a line: method, pattern, caller, the reach of every role, flags.
  std::string dump() const;
  const std::vector<CompiledRoute>& rows() const { return rows_; }

 private:
  Router();
  std::vector<CompiledRoute> rows_;  // in the dump's order
  // By segment count, then by method: the rows to try, most specific first. A tap walks only the
  // POST rows of three segments.
  struct Bucket {
    boost::beast::http::verb method;
    std::vector<const CompiledRoute*> rows;
  };
  std::array<std::vector<Bucket>, max_route_segments + 1> by_length_;
};

}  // namespace classbook::http
