// libFuzzer target: the offers query-string parser (GET /api/v1/offers?...), from
// a raw query string split and percent-decoded the way the server does, and the
// same parameters as a JSON object. Invariant (offer_search.h): a query that
// parses survives queryToParams -> queryFromJson unchanged.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "reference/offer_search.h"

using namespace alin;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    httplib::Params params;
    httplib::detail::parse_query_text(text, params);
    std::map<std::string, std::string> query;
    for (const auto& [key, value] : params) query.emplace(key, value);  // first one wins, as the server does

    ParsedQuery parsed = queryFromJson(query);
    if (parsed.ok()) {
        ParsedQuery again = queryFromJson(queryToParams(parsed.query));
        if (!again.ok() || !(again.query == parsed.query)) __builtin_trap();
    }
    for (const QueryError& e : parsed.errors) {
        if (e.field.empty() && !query.empty() && e.key.empty()) __builtin_trap();
    }

    // The POST form: the same values as a JSON object (strings), and the raw text as JSON.
    nlohmann::json object = nlohmann::json::object();
    for (const auto& [key, value] : query) object[key] = value;
    (void)queryFromJson(object);
    nlohmann::json raw = nlohmann::json::parse(text, nullptr, false);
    if (!raw.is_discarded()) (void)queryFromJson(raw);
    return 0;
}
