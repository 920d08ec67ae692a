// The printable version of "Mes données" (issue 14 part 3: "a JSON export and
// a printable page"). A canvas cannot be printed usefully, so the export
// (GET /api/v1/me/data's "data") is written as a plain, accessible HTML
// document - headings, lists, a print stylesheet, no script - that the
// platform opens in a new tab (platform::openDocument). The same C++ builds it
// against the server and in the offline demo. Every value is HTML-escaped.
#pragma once
#include <cstdint>
#include <string>

#include "api/api_types.h"

namespace alin::client {

// In the current language; `now` (Unix seconds) is the date printed on it.
std::string MyDataHtml(const Json& data, int64_t now);

// "<" -> "&lt;", and & > " likewise (text and double-quoted attributes).
std::string EscapeHtml(const std::string& text);

}  // namespace alin::client
